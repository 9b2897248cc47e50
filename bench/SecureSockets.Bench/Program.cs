using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SecureSockets.Bench.Corpus;
using SecureSockets.Bench.Harness;

namespace SecureSockets.Bench;

/// <summary>
/// dotnet run -c Release --project bench/SecureSockets.Bench -- [--quick] [--no-build] [--reps N] [--scales 1,4,16]
///                                                              [--profile clean|dense|realistic N [--runs R]] [--write-corpus DIR]
/// Full run: 1x (5 repetitions after a discarded warm-up), 4x (3), 16x (3, without CA2000/CA1806), whole-build view
/// on the 1x corpora; writes bench/results.md (~10 minutes on the shared 2-core machine).
/// --quick: 1x and 4x, 3 repetitions, whole build on 1x; writes bench/results.quick.md (not committed).
/// </summary>
internal static class Program
{
    private const int Seed = 8;

    private static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var quick = args.Contains("--quick");
        var noBuild = args.Contains("--no-build");
        var reps = Option(args, "--reps") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : quick ? 3 : 5;
        // Larger sizes: fewer repetitions, and no warm-up (the 1x runs of the same process already warmed the JIT).
        var repsLarge = Option(args, "--reps") is not null || quick ? reps : 3;
        var repsHuge = Option(args, "--reps") is not null || quick ? reps : 3;
        var scales = Option(args, "--scales") is { } s
            ? s.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray()
            : quick ? new[] { 1, 4 } : new[] { 1, 4, 16 };
        var custom = Option(args, "--reps") is not null || Option(args, "--scales") is not null || noBuild;
        var root = BenchEnvironment.RepositoryRoot();
        void Log(string line) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

        var references = BenchEnvironment.ReferenceAssemblies();
        var bench = new InProcessBench(references);

        if (Option(args, "--write-corpus") is { } corpusDir)
        {
            foreach (var corpus in scales.SelectMany(n => new[] { CleanCorpus.Generate(n, Seed), DenseCorpus.Generate(n, Seed), RealisticCorpus.Generate(n, Seed) }))
            {
                Log($"{corpus.Name} {corpus.Scale}x: {corpus.Lines} lines, {corpus.TrackedCalls} tracked calls -> {WholeBuild.WriteCorpus(corpus, corpusDir, typeof(SecureSockets.Analyzers.Rules.RuleAnalyzer).Assembly.Location)}");
            }

            return 0;
        }

        var diagnoseIndex = Array.IndexOf(args, "--diagnose-compile");
        if (diagnoseIndex >= 0)
        {
            var scale = args.Length > diagnoseIndex + 2 ? int.Parse(args[diagnoseIndex + 2], CultureInfo.InvariantCulture) : 1;
            CompileDiagnosis.Run(bench, CorpusNamed(args[diagnoseIndex + 1], scale), Log);
            return 0;
        }

        var profileIndex = Array.IndexOf(args, "--profile");
        if (profileIndex >= 0)
        {
            var name = args.Length > profileIndex + 1 ? args[profileIndex + 1] : "dense";
            var scale = args.Length > profileIndex + 2 ? int.Parse(args[profileIndex + 2], CultureInfo.InvariantCulture) : 1;
            var corpus = CorpusNamed(name, scale);
            var runsIndex = Array.IndexOf(args, "--runs");
            var runs = runsIndex >= 0 ? int.Parse(args[runsIndex + 1], CultureInfo.InvariantCulture) : 1;
            await Profiler.RunAsync(bench, corpus, runs, Log);
            return 0;
        }

        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var loadStart = BenchEnvironment.LoadAverage();
        Log($"machine: {BenchEnvironment.MachineDescription()}; load {loadStart}");
        Log($"scales {string.Join(",", scales)}, {reps} repetitions (+1 warm-up each)");

        var measurements = new List<Measurement>();
        foreach (var scale in scales)
        {
            foreach (var corpus in new[] { CleanCorpus.Generate(scale, Seed), DenseCorpus.Generate(scale, Seed), RealisticCorpus.Generate(scale, Seed) })
            {
                Log($"{corpus.Name} {scale}x: {corpus.Files.Count} files, {corpus.Lines:N0} lines, {corpus.Types:N0} types, {corpus.Methods:N0} methods, {corpus.TrackedCalls:N0} tracked calls");
                var first = scale == scales[0];
                var huge = scale >= 16;
                measurements.Add(await bench.MeasureAsync(corpus, first ? reps : huge ? repsHuge : repsLarge, warmUp: first, withNetAnalyzers: !huge, Log));
                InProcessBench.Collect();
            }
        }

        // The dense target's steadier view: each callback's fastest run (pauses from GC and the machine's other load removed).
        var fastest = new List<FastestSums>();
        foreach (var scale in scales)
        {
            foreach (var corpus in new[] { DenseCorpus.Generate(scale, Seed), RealisticCorpus.Generate(scale, Seed) })
            {
                var runs = scale == 1 ? 10 : scale <= 4 ? 5 : 2;
                Log($"fastest-callback sums, {corpus.Name} {scale}x, {runs} runs");
                var sums = await Profiler.FastestAsync(bench, corpus, runs);
                Log($"  ours {sums.Ours:F1} ms, graph floor {sums.Floor:F1} ms");
                fastest.Add(sums);
            }
        }

        Log("memory check (dense 1x)");
        var memory = MemoryCheck.Run(bench, InProcessBench.Parse(DenseCorpus.Generate(1, Seed)));
        Log($"  compilation alive: {memory.OriginalAlive}, analyzed compilation alive: {memory.AnalyzedAlive}; control: {memory.ControlOriginalAlive}/{memory.ControlAnalyzedAlive}");

        var builds = new List<WholeBuild.Result>();
        var buildScale = 1;
        if (!noBuild)
        {
            var work = Path.Combine(Path.GetTempPath(), $"securesockets-bench-{Environment.ProcessId}");
            Directory.CreateDirectory(work);
            var analyzerPath = typeof(SecureSockets.Analyzers.Rules.RuleAnalyzer).Assembly.Location;
            var consumer = WholeBuild.WriteConsumerCopy(root, work, analyzerPath);
            var projects = new List<(string Dir, string Label)> { (consumer, "samples/Consumer (copy)") };
            foreach (var corpus in new[] { CleanCorpus.Generate(buildScale, Seed), DenseCorpus.Generate(buildScale, Seed) })
            {
                projects.Add((WholeBuild.WriteCorpus(corpus, work, analyzerPath), $"{corpus.Name} {buildScale}x ({corpus.Lines:N0} lines)"));
            }

            Log($"whole build in {work}: warm-up build (discarded)");
            WholeBuild.Build(consumer, "warm-up", withAnalyzer: false);
            foreach (var (dir, label) in projects)
            {
                foreach (var with in new[] { false, true })
                {
                    var result = WholeBuild.Build(dir, label, with);
                    Log($"  {label} {(with ? "with" : "without")}: {(result.Succeeded ? "ok" : "FAILED, see " + result.LogPath)}, wall {result.WallSeconds:F1} s, Csc {result.CscSeconds:F2} s, "
                        + $"all analyzers {result.TotalAnalyzerSeconds:F3} s, ours {result.OursSeconds:F3} s, {result.SsxWarnings} SSX warnings");
                    builds.Add(result);
                }
            }

            // CA2000 beside ours in one build of the dense corpus: the driver binds every body for CA2000 (an operation-based
            // analyzer) in the same process, so neither pays binding the other does not.
            var (denseDir, denseLabel) = projects[^1];
            var both = WholeBuild.Build(denseDir, denseLabel, withAnalyzer: true, withCa2000: true);
            Log($"  {denseLabel} with, CA2000 on: {(both.Succeeded ? "ok" : "FAILED, see " + both.LogPath)}, Csc {both.CscSeconds:F2} s, ours {both.OursSeconds:F3} s, CA2000 {both.Ca2000Seconds:F3} s");
            builds.Add(both);

            if (builds.All(b => b.Succeeded))
            {
                Directory.Delete(work, recursive: true);
            }
        }

        var command = "dotnet run -c Release --project bench/SecureSockets.Bench --" + (args.Length == 0 ? string.Empty : " " + string.Join(' ', args));
        var report = new Report
        {
            Command = command.TrimEnd('-', ' ') == "dotnet run -c Release --project bench/SecureSockets.Bench" ? "dotnet run -c Release --project bench/SecureSockets.Bench" : command,
            Mode = quick ? "quick run: 1x and 4x only, 3 repetitions" : custom ? "custom run" : "full run",
            Machine = BenchEnvironment.MachineDescription(),
            Sdk = BenchEnvironment.SdkVersion(root),
            LoadStart = loadStart,
            LoadEnd = BenchEnvironment.LoadAverage(),
            StartedUtc = started,
            Duration = clock.Elapsed,
            Repetitions = reps,
            RepetitionsLarge = repsLarge,
            RepetitionsHuge = repsHuge,
            Seed = Seed,
            Measurements = measurements,
            Fastest = fastest,
            Memory = memory,
            Builds = builds,
            BuildCorpus = $"{buildScale}x clean and dense",
        };
        // results.md only from a run that covers the targets (1x and 16x); anything smaller goes to results.quick.md.
        var path = Path.Combine(root, "bench", quick || !scales.Contains(1) || !scales.Contains(16) ? "results.quick.md" : "results.md");
        File.WriteAllText(path, report.Render());
        Log($"wrote {path}");
        foreach (var t in report.Targets())
        {
            Log($"{t.Verdict.Trim('*'),-12} {t.Target}: {t.Measured}");
        }

        return 0;
    }

    private static GeneratedCorpus CorpusNamed(string name, int scale) => name switch
    {
        "clean" => CleanCorpus.Generate(scale, Seed),
        "realistic" => RealisticCorpus.Generate(scale, Seed),
        _ => DenseCorpus.Generate(scale, Seed),
    };

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
