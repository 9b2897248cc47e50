using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureSockets.Bench.Harness;

/// <summary>
/// The memory target: nothing per compilation outlives the compilation. Create a compilation, run the analyzers
/// (the same long-lived instances a host keeps), drop every reference, force a full GC, and check that weak
/// references to the compilation we made and to the one the driver handed the analyzers are both dead. A control
/// run with only the empty analyzer shows whether Roslyn itself keeps anything.
/// </summary>
internal static class MemoryCheck
{
    public sealed record Result(bool OriginalAlive, bool AnalyzedAlive, bool ControlOriginalAlive, bool ControlAnalyzedAlive, int Diagnostics)
    {
        public bool Met => !OriginalAlive && !AnalyzedAlive;
    }

    public static Result Run(InProcessBench bench, ImmutableArray<SyntaxTree> trees)
    {
        var (original, analyzed, diagnostics) = RunOnce(bench, trees, bench.Ours);
        var (controlOriginal, controlAnalyzed, _) = RunOnce(bench, trees, ImmutableArray<DiagnosticAnalyzer>.Empty);
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return new Result(original.IsAlive, analyzed?.IsAlive ?? false, controlOriginal.IsAlive, controlAnalyzed?.IsAlive ?? false, diagnostics);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Original, WeakReference? Analyzed, int Diagnostics) RunOnce(
        InProcessBench bench, ImmutableArray<SyntaxTree> trees, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var compilation = bench.CreateCompilation(trees);
        var probe = new CompilationProbe();
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers.Add(probe),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (probe.Seen is null)
        {
            throw new InvalidOperationException("the probe analyzer never saw a compilation");
        }

        return (new WeakReference(compilation), probe.Seen, diagnostics.Length);
    }
}
