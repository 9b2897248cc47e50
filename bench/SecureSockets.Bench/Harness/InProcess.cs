using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureSockets.Analyzers.Rules;
using SecureSockets.Bench.Corpus;

namespace SecureSockets.Bench.Harness;

/// <summary>One warm repetition on one corpus: every number in milliseconds.</summary>
internal sealed record Sample(
    double Compile,
    double SocketOrder,
    double Impersonation,
    double Empty,
    double Ca2000,
    double Ca1806,
    double OursDriverWall,
    double NetDriverWall,
    double GraphFloor,
    double OursCpu,
    double NetCpu,
    double FloorCpu,
    double BaselineCpu)
{
    public double Ours => SocketOrder + Impersonation;
}

internal sealed record Measurement(GeneratedCorpus Corpus, IReadOnlyList<Sample> Samples, IReadOnlyDictionary<string, int> DiagnosticCounts, int AnalyzerExceptions)
{
    public double Median(Func<Sample, double> f) => Stats.Median(Samples.Select(f));

    public double Min(Func<Sample, double> f) => Samples.Min(f);

    public double Max(Func<Sample, double> f) => Samples.Max(f);

    /// <summary>The median of per-repetition ratios: steadier than a ratio of medians when the machine's load shifts between phases.</summary>
    public double MedianRatio(Func<Sample, double> part, Func<Sample, double> whole) => Stats.Median(Samples.Select(s => part(s) / whole(s)));

    public bool HasNetAnalyzers => Samples.Count > 0 && !double.IsNaN(Samples[0].Ca2000);
}

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0)
        {
            return double.NaN;
        }

        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}

/// <summary>
/// In one process, on fresh copies of the same compilation (same parsed trees, references and options):
/// compile (GetDiagnostics + Emit to memory), then our two analyzers with the empty analyzer in one driver run,
/// then CA2000 + CA1806 in another (separate runs, so that neither profits from control-flow graphs the other
/// built and cached in the driver). Per-analyzer time is the driver's execution-time telemetry.
/// Compilation and analysis are single-threaded (concurrentBuild / concurrentAnalysis off) so the ratios compare
/// work, not how many of the machine's shared cores each phase happened to get.
/// </summary>
internal sealed class InProcessBench
{
    private readonly ImmutableArray<MetadataReference> references;
    // The eight rule analyzers share one flow pass per body: whichever group reaches a body first pays for it, so
    // the two group columns split the total arbitrarily; "ours total" is the number that means something.
    private readonly DiagnosticAnalyzer socketOrder = new RuleGroup(
        new SSX001SecureAfterConnectAnalyzer(), new SSX002SecureTwiceAnalyzer(), new SSX006TargetNameAfterConnectAnalyzer(), new SSX007SecureCallFailureNotHandledAnalyzer());
    private readonly DiagnosticAnalyzer impersonation = new RuleGroup(
        new SSX003PeerImpersonationNotRevertedAnalyzer(), new SSX004ContextImpersonationNotRevertedAnalyzer(), new SSX005ImpersonationFailureNotHandledAnalyzer(), new SSX008ThreadSwitchWhileImpersonatingAnalyzer());
    private readonly DiagnosticAnalyzer empty = new EmptyAnalyzer();
    private readonly DiagnosticAnalyzer graphFloor = new ControlFlowGraphFloorAnalyzer();
    private readonly DiagnosticAnalyzer baseline = new OperationTreeBaselineAnalyzer();
    private readonly DiagnosticAnalyzer ca2000;
    private readonly DiagnosticAnalyzer ca1806;

    public InProcessBench(ImmutableArray<MetadataReference> references)
    {
        this.references = references;
        (ca2000, ca1806) = NetAnalyzers.Load();
    }

    public ImmutableArray<DiagnosticAnalyzer> Ours => ImmutableArray.Create(socketOrder, impersonation);

    public static ImmutableArray<SyntaxTree> Parse(GeneratedCorpus corpus)
    {
        var options = new CSharpParseOptions(LanguageVersion.CSharp12);
        return corpus.Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, options, f.Path)).ToImmutableArray();
    }

    public CSharpCompilation CreateCompilation(ImmutableArray<SyntaxTree> trees)
    {
        var options = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable,
                concurrentBuild: false,
                optimizationLevel: OptimizationLevel.Debug)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                // Off by default (TOOLCHAIN.md): enabled, or the baseline would time rules that do nothing.
                ["CA2000"] = ReportDiagnostic.Warn,
                ["CA1806"] = ReportDiagnostic.Warn,
            });
        return CSharpCompilation.Create("Corpus", trees, references, options);
    }

    /// <summary>Compiles once and fails loudly on any compiler error (a corpus that does not compile measures nothing).</summary>
    public void CheckCompiles(GeneratedCorpus corpus, ImmutableArray<SyntaxTree> trees)
    {
        var errors = CreateCompilation(trees).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count != corpus.ExpectedErrors)
        {
            throw new InvalidOperationException($"corpus {corpus.Name} {corpus.Scale}x has {errors.Count} compiler errors ({corpus.ExpectedErrors} expected), e.g.\n"
                + string.Join('\n', errors.Take(10).Select(e => e.ToString())));
        }
    }

    /// <param name="warmUp">Run once first and discard it (the first run of each corpus kind pays for JIT).</param>
    /// <param name="withNetAnalyzers">Also time CA2000/CA1806 (skipped on the largest clean corpus to bound the run time).</param>
    public async Task<Measurement> MeasureAsync(GeneratedCorpus corpus, int repetitions, bool warmUp, bool withNetAnalyzers, Action<string> log)
    {
        var trees = Parse(corpus);
        CheckCompiles(corpus, trees);
        var samples = new List<Sample>();
        var counts = new Dictionary<string, int>();
        var exceptions = 0;
        for (var rep = warmUp ? 0 : 1; rep <= repetitions; rep++)
        {
            var compile = Compile(corpus.DraftFile is { } draft ? trees.Where(t => t.FilePath != draft).ToImmutableArray() : trees);
            var (ours, oursWall, oursDiagnostics, oursExceptions, oursCpu) = await AnalyzeAsync(trees, ImmutableArray.Create(socketOrder, impersonation, empty));
            var (net, netWall, netDiagnostics, netExceptions, netCpu) = withNetAnalyzers
                ? await AnalyzeAsync(trees, ImmutableArray.Create(ca2000, ca1806))
                : (new[] { double.NaN, double.NaN }, double.NaN, ImmutableArray<Diagnostic>.Empty, 0, double.NaN);
            var (floor, _, _, _, floorCpu) = await AnalyzeAsync(trees, ImmutableArray.Create(graphFloor));
            var (_, _, _, _, baselineCpu) = await AnalyzeAsync(trees, ImmutableArray.Create(baseline));
            var sample = new Sample(compile, ours[0], ours[1], ours[2], net[0], net[1], oursWall, netWall, floor[0], oursCpu, netCpu, floorCpu, baselineCpu);
            log($"  {corpus.Name} {corpus.Scale}x rep {rep}{(rep == 0 ? " (warm-up, discarded)" : string.Empty)}: compile {compile:F0} ms, ours {sample.Ours:F1} ms "
                + $"(SocketOrder {sample.SocketOrder:F1}, Impersonation {sample.Impersonation:F1}), empty {sample.Empty:F2}, graph floor {sample.GraphFloor:F1}, CA2000 {sample.Ca2000:F1}, CA1806 {sample.Ca1806:F1}");
            if (counts.Count == 0)
            {
                foreach (var d in oursDiagnostics.Concat(netDiagnostics))
                {
                    counts[d.Id] = counts.GetValueOrDefault(d.Id) + 1;
                }

                counts["(total)"] = oursDiagnostics.Length + netDiagnostics.Length;
            }

            exceptions += oursExceptions + netExceptions;
            if (rep > 0)
            {
                samples.Add(sample);
            }
        }

        counts.Remove("(total)");

        return new Measurement(corpus, samples, counts, exceptions);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Compile(ImmutableArray<SyntaxTree> trees)
    {
        Collect();
        var compilation = CreateCompilation(trees);
        var sw = Stopwatch.StartNew();
        _ = compilation.GetDiagnostics();
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        sw.Stop();
        if (!result.Success)
        {
            throw new InvalidOperationException("emit failed: " + string.Join('\n', result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        }

        return sw.Elapsed.TotalMilliseconds;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    /// <returns>Per-analyzer telemetry, the call's wall time, diagnostics, analyzer exceptions, and the process's CPU time over the call.</returns>
    private async Task<(double[] PerAnalyzer, double Wall, ImmutableArray<Diagnostic> Diagnostics, int Exceptions, double Cpu)> AnalyzeAsync(
        ImmutableArray<SyntaxTree> trees, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        Collect();
        var exceptions = 0;
        var withAnalyzers = CreateDriver(trees, analyzers, (e, a, _) =>
        {
            if (Interlocked.Increment(ref exceptions) <= 3)
            {
                Console.Error.WriteLine($"analyzer exception in {a.GetType().Name}: {e}");
            }
        });
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        sw.Stop();
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var times = new double[analyzers.Length];
        for (var i = 0; i < analyzers.Length; i++)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzers[i], CancellationToken.None);
            times[i] = telemetry.ExecutionTime.TotalMilliseconds;
        }

        return (times, sw.Elapsed.TotalMilliseconds, diagnostics, exceptions, cpuMs);
    }

    /// <summary>A fresh compilation of the trees with these analyzers: single-threaded, execution-time telemetry on.</summary>
    public CompilationWithAnalyzers CreateDriver(ImmutableArray<SyntaxTree> trees, ImmutableArray<DiagnosticAnalyzer> analyzers, Action<Exception, DiagnosticAnalyzer, Diagnostic>? onAnalyzerException = null)
        => CreateCompilation(trees).WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException, concurrentAnalysis: false, logAnalyzerExecutionTime: true));

    public static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}

/// <summary>Several rule analyzers measured as one (their telemetry is summed by the driver under this analyzer).</summary>
#pragma warning disable RS1001 // Built by the harness from the rule analyzers, never discovered from an assembly.
internal sealed class RuleGroup : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    private readonly DiagnosticAnalyzer[] rules;

    public RuleGroup(params DiagnosticAnalyzer[] rules) => this.rules = rules;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics
        => rules.SelectMany(r => r.SupportedDiagnostics).ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        foreach (var rule in rules)
        {
            rule.Initialize(context);
        }
    }
}
