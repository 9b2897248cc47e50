using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureSockets.Bench.Harness;

/// <summary>
/// For `--profile`: wraps one of our analyzers and times each callback it registers — the compilation start
/// action (catalog) and every file's semantic model action (the file's candidate bodies, including any helper
/// summaries computed lazily inside them; operation block actions are timed per method where an analyzer registers
/// them, as the graph floor does) — so a missed target can be traced to the files that cost the time.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ProfilingAnalyzer : DiagnosticAnalyzer
{
    private readonly DiagnosticAnalyzer inner;

    public ProfilingAnalyzer(DiagnosticAnalyzer inner) => this.inner = inner;

    public string Name => inner.GetType().Name;

    public ConcurrentQueue<(string Kind, string Symbol, double Milliseconds)> Timings { get; } = new();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => inner.Initialize(new Context(context, this));

    /// <summary>Bytes allocated by this analyzer's callbacks (single-threaded analysis: the current thread's counter).</summary>
    public long AllocatedBytes => Interlocked.Read(ref allocatedBytes);

    private long allocatedBytes;

    /// <summary>While set, allocation ticks are sampled only inside this wrapper's callbacks.</summary>
    public static AllocationSampler? Sampler { get; set; }

    private void Time(string kind, string symbol, Action action)
    {
        if (Sampler is { } sampler)
        {
            sampler.Enabled = true;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        try
        {
            action();
        }
        finally
        {
            if (Sampler is { } stop)
            {
                stop.Enabled = false;
            }

            Timings.Enqueue((kind, symbol, sw.Elapsed.TotalMilliseconds));
            Interlocked.Add(ref allocatedBytes, GC.GetAllocatedBytesForCurrentThread() - allocated);
        }
    }

    private sealed class Context : AnalysisContext
    {
        private readonly AnalysisContext outer;
        private readonly ProfilingAnalyzer profiler;

        public Context(AnalysisContext outer, ProfilingAnalyzer profiler)
        {
            this.outer = outer;
            this.profiler = profiler;
        }

        public override void EnableConcurrentExecution() => outer.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => outer.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
            => outer.RegisterCompilationStartAction(start => profiler.Time("compilation start", "(compilation)", () => action(new StartContext(start, profiler))));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();
    }

    private sealed class StartContext : CompilationStartAnalysisContext
    {
        private readonly CompilationStartAnalysisContext outer;
        private readonly ProfilingAnalyzer profiler;

        public StartContext(CompilationStartAnalysisContext outer, ProfilingAnalyzer profiler)
            : base(outer.Compilation, outer.Options, outer.CancellationToken)
        {
            this.outer = outer;
            this.profiler = profiler;
        }

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action)
            => outer.RegisterOperationBlockAction(block => profiler.Time("operation block", Describe(block.OwningSymbol), () => action(block)));

        /// <summary>The method and, for the dense corpus, its "// shape:" comment.</summary>
        private static string Describe(ISymbol symbol)
        {
            var name = symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
            var syntax = symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
            var shape = syntax?.GetLeadingTrivia().Select(t => t.ToString()).FirstOrDefault(t => t.StartsWith("// shape:", StringComparison.Ordinal));
            return shape is null ? name : $"{name}  {shape}";
        }

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
            => outer.RegisterOperationAction(op => profiler.Time("operation", op.Operation.Kind.ToString(), () => action(op)), operationKinds);

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action)
            => outer.RegisterCompilationEndAction(end => profiler.Time("compilation end", "(compilation)", () => action(end)));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
            => outer.RegisterSemanticModelAction(file => profiler.Time("file", file.SemanticModel.SyntaxTree.FilePath, () => action(file)));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();
    }

    private static NotSupportedException Unsupported()
        => new("the profiling wrapper forwards only the registrations our analyzers use; add the one that is missing");
}

/// <summary>Per-callback fastest-of-N sums (ms) and mean bytes allocated per run, for our analyzers and the graph floor.</summary>
internal sealed record FastestSums(Corpus.GeneratedCorpus Corpus, int Runs, double Ours, double Floor, double OursBytes, double FloorBytes);

internal static class Profiler
{
    private static double Total(ProfilingAnalyzer[] analyzers) => analyzers.Sum(a => a.Timings.Sum(t => t.Milliseconds));

    // Per run, a callback key's time over all the analyzers (the rule analyzers share one pass per body: whichever reaches
    // the body first pays); then each key's fastest run, summed.
    private static double SumOfMinima(List<ProfilingAnalyzer[]> runs)
        => runs.SelectMany(run => run.SelectMany(a => a.Timings).GroupBy(t => (t.Kind, t.Symbol)).Select(g => (g.Key, Ms: g.Sum(t => t.Milliseconds))))
            .GroupBy(t => t.Key)
            .Sum(g => g.Min(t => t.Ms));

    /// <returns>The diagnostics, the process's CPU time over the driver run (binding included; not stolen by other load), and its garbage collections.</returns>
    private static async System.Threading.Tasks.Task<(ImmutableArray<Diagnostic> Diagnostics, double CpuMs, string Gc)> RunWrappedAsync(InProcessBench bench, ImmutableArray<SyntaxTree> trees, ProfilingAnalyzer[] analyzers)
    {
        InProcessBench.Collect();
        var withAnalyzers = bench.CreateDriver(trees, analyzers.Cast<DiagnosticAnalyzer>().ToImmutableArray());
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        var gc = $"GC pauses {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms (gen0/1/2 collections {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3})";
        return (diagnostics, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds, gc);
    }

    /// <summary>One timed driver run of our analyzers and one of the graph floor, both wrapped.</summary>
    private sealed record PairedRun(ProfilingAnalyzer[] Ours, ProfilingAnalyzer[] Floor, int Diagnostics, double OursCpu, string OursGc, double FloorCpu, string FloorGc);

    /// <summary>
    /// A warm-up pair of driver runs (discarded), then <paramref name="runs"/> pairs; allocation ticks are sampled inside
    /// our callbacks of the timed runs when a sampler is given.
    /// </summary>
    private static async System.Threading.Tasks.Task<List<PairedRun>> RunPairsAsync(InProcessBench bench, ImmutableArray<SyntaxTree> trees, int runs, AllocationSampler? sampler, Action<int, PairedRun>? onRun = null)
    {
        var timed = new List<PairedRun>();
        for (var run = 0; run <= runs; run++)
        {
            var ours = bench.Ours.Select(a => new ProfilingAnalyzer(a)).ToArray();
            ProfilingAnalyzer.Sampler = run > 0 ? sampler : null;
            var (diagnostics, oursCpu, oursGc) = await RunWrappedAsync(bench, trees, ours);
            ProfilingAnalyzer.Sampler = null;
            var floor = new[] { new ProfilingAnalyzer(new ControlFlowGraphFloorAnalyzer()) };
            var (_, floorCpu, floorGc) = await RunWrappedAsync(bench, trees, floor);
            var pair = new PairedRun(ours, floor, diagnostics.Length, oursCpu, oursGc, floorCpu, floorGc);
            onRun?.Invoke(run, pair);
            if (run > 0)
            {
                timed.Add(pair);
            }
        }

        return timed;
    }

    /// <summary>
    /// The steadier view of the dense target: our analyzers and the graph floor, each callback's fastest of
    /// <paramref name="runs"/> driver runs, summed (one warm-up run discarded).
    /// </summary>
    public static async System.Threading.Tasks.Task<FastestSums> FastestAsync(InProcessBench bench, Corpus.GeneratedCorpus corpus, int runs)
    {
        var timed = await RunPairsAsync(bench, InProcessBench.Parse(corpus), runs, sampler: null);
        return new FastestSums(
            corpus,
            runs,
            SumOfMinima(timed.Select(r => r.Ours).ToList()),
            SumOfMinima(timed.Select(r => r.Floor).ToList()),
            timed.Average(r => r.Ours.Sum(a => a.AllocatedBytes)),
            timed.Average(r => r.Floor.Sum(a => a.AllocatedBytes)));
    }

    /// <summary>Runs our analyzers wrapped in <see cref="ProfilingAnalyzer"/> over one corpus and prints where the time goes.</summary>
    /// <param name="runs">Timed runs after the discarded warm-up; with several, the per-callback minimum is printed too.</param>
    public static async System.Threading.Tasks.Task RunAsync(InProcessBench bench, Corpus.GeneratedCorpus corpus, int runs, Action<string> print)
    {
        var trees = InProcessBench.Parse(corpus);
        bench.CheckCompiles(corpus, trees);
        using var sampler = new AllocationSampler();
        var timed = await RunPairsAsync(bench, trees, runs, sampler, (run, r) => print(
            $"run {run}: ours {Total(r.Ours):F1} ms ({r.Ours.Sum(a => a.AllocatedBytes) / 1e6:F1} MB allocated), "
            + $"graph floor {Total(r.Floor):F1} ms ({r.Floor.Sum(a => a.AllocatedBytes) / 1e6:F1} MB), {r.Diagnostics} diagnostics; "
            + $"whole driver run: ours {r.OursCpu:F0} ms CPU, {r.OursGc}; floor {r.FloorCpu:F0} ms CPU, {r.FloorGc}"));
        var oursRuns = timed.Select(r => r.Ours).ToList();
        var floorRuns = timed.Select(r => r.Floor).ToList();
        var wrapped = timed[^1].Ours;

        print("allocation samples inside our callbacks, by type (MB over the timed runs):");
        foreach (var pair in sampler.ByType.OrderByDescending(p => p.Value).Take(25))
        {
            print($"  {pair.Value / 1e6,8:F1}  {pair.Key}");
        }

        if (runs > 1)
        {
            // Pauses (GC, the shared machine's other load) land on whichever callback is running; a callback's fastest run is
            // its work. Summed, a steadier number to compare two builds of the analyzer by than any one run's total.
            print($"sum over callbacks of the fastest of {runs} runs: ours {SumOfMinima(oursRuns):F1} ms, graph floor {SumOfMinima(floorRuns):F1} ms");
        }

        print($"profile of {corpus.Name} {corpus.Scale}x ({corpus.Lines} lines, {corpus.Methods} methods, {corpus.TrackedCalls} tracked calls)");
        foreach (var p in wrapped)
        {
            var timings = p.Timings.ToArray();
            print($"{p.Name}: total {timings.Sum(t => t.Milliseconds):F1} ms in {timings.Length} callbacks");
            foreach (var group in timings.GroupBy(t => t.Kind))
            {
                var ms = group.Select(t => t.Milliseconds).OrderBy(x => x).ToArray();
                print($"  {group.Key}: {ms.Length} calls, total {ms.Sum():F1} ms, median {Stats.Median(ms):F3} ms, p95 {ms[(int)(ms.Length * 0.95)]:F3} ms, max {ms[^1]:F3} ms");
            }

            foreach (var t in timings.OrderByDescending(t => t.Milliseconds).Take(12))
            {
                print($"    {t.Milliseconds,9:F3} ms  {t.Kind}  {t.Symbol}");
            }
        }

        // Dense corpus: which block shapes the expensive methods are made of (time summed over both analyzers).
        var perMethod = wrapped.SelectMany(p => p.Timings).Where(t => t.Symbol.Contains("// shape:", StringComparison.Ordinal))
            .GroupBy(t => t.Symbol).Select(g => (Symbol: g.Key, Ms: g.Sum(t => t.Milliseconds))).ToList();
        if (perMethod.Count == 0)
        {
            return;
        }

        var shapes = Corpus.DenseCorpus.Shapes;
        print($"methods with a shape comment: {perMethod.Count}, total {perMethod.Sum(m => m.Ms):F0} ms (both analyzers)");
        print("  shape: methods containing it, their mean ms, vs. mean ms of methods without it");
        foreach (var shape in shapes)
        {
            var with = perMethod.Where(m => m.Symbol.Contains(" " + shape + ",", StringComparison.Ordinal) || m.Symbol.Contains(" " + shape + ";", StringComparison.Ordinal)).ToList();
            var without = perMethod.Except(with).ToList();
            if (with.Count > 0)
            {
                print($"    {shape,-30} {with.Count,4} methods  mean {with.Average(m => m.Ms),9:F2} ms   without: mean {(without.Count > 0 ? without.Average(m => m.Ms) : 0),9:F2} ms");
            }
        }

        print("  by number of events in the method:");
        foreach (var group in perMethod.GroupBy(m => System.Text.RegularExpressions.Regex.Match(m.Symbol, @"; (\d+) events").Groups[1].Value).OrderBy(g => int.Parse(g.Key, System.Globalization.CultureInfo.InvariantCulture)))
        {
            var ms = group.Select(m => m.Ms).OrderBy(x => x).ToArray();
            print($"    {group.Key,2} events: {ms.Length,4} methods, median {Stats.Median(ms),9:F2} ms, max {ms[^1],9:F2} ms");
        }
    }
}

/// <summary>Samples the runtime's allocation ticks (one per ~100 KB allocated) by type, while enabled.</summary>
internal sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
{
    private readonly ConcurrentDictionary<string, long> byType = new();

    public volatile bool Enabled;

    public IReadOnlyDictionary<string, long> ByType => byType;

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (!Enabled || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }

        var index = e.PayloadNames!.IndexOf("TypeName");
        var amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
        if (index >= 0 && e.Payload[index] is string type)
        {
            var amount = amountIndex >= 0 && e.Payload[amountIndex] is ulong a ? (long)a : 100_000;
            byType.AddOrUpdate(type, amount, (_, v) => v + amount);
        }
    }
}
