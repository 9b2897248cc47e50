using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SecureSockets.Bench.Harness;

internal sealed record TargetResult(string Target, string Measured, bool? Met)
{
    public string Verdict => Met switch { true => "**met**", false => "**missed**", null => "not measured" };
}

/// <summary>Turns the measurements into bench/results.md: machine, corpora, medians, ratios, targets.</summary>
internal sealed class Report
{
    public required string Command { get; init; }
    public required string Mode { get; init; }
    public required string Machine { get; init; }
    public required string Sdk { get; init; }
    public required string LoadStart { get; init; }
    public required string LoadEnd { get; init; }
    public required DateTime StartedUtc { get; init; }
    public required TimeSpan Duration { get; init; }
    public required int Repetitions { get; init; }
    public required int RepetitionsLarge { get; init; }
    public required int RepetitionsHuge { get; init; }
    public required int Seed { get; init; }
    public required IReadOnlyList<Measurement> Measurements { get; init; }
    public required IReadOnlyList<FastestSums> Fastest { get; init; }
    public required MemoryCheck.Result Memory { get; init; }
    public required IReadOnlyList<WholeBuild.Result> Builds { get; init; }
    public required string BuildCorpus { get; init; }

    private static string F(double v, int digits = 1) => double.IsNaN(v) ? "—" : v.ToString("F" + digits, CultureInfo.InvariantCulture);

    private static string P(double ratio) => double.IsNaN(ratio) ? "—" : (100 * ratio).ToString("F3", CultureInfo.InvariantCulture) + "%";

    private static string Pct(double part, double whole) => whole <= 0 ? "n/a" : (100 * part / whole).ToString("F3", CultureInfo.InvariantCulture) + "%";

    public IReadOnlyList<TargetResult> Targets()
    {
        var targets = new List<TargetResult>();
        var clean = Measurements.Where(m => m.Corpus.Name == "clean").OrderBy(m => m.Corpus.Scale).ToList();
        var dense = Measurements.Where(m => m.Corpus.Name == "dense").OrderBy(m => m.Corpus.Scale).ToList();

        var realistic = Measurements.Where(m => m.Corpus.Name == "realistic").OrderBy(m => m.Corpus.Scale).ToList();

        // Issue 18's targets: work proportional to the tracked calls, not to the project.
        targets.Add(new TargetResult(
            "Clean corpus (no tracked API): our analyzer time ≤ 0.1% of compile time",
            string.Join("; ", clean.Select(m => $"{m.Corpus.Scale}x: {F(m.Median(s => s.Ours), 2)} ms / {F(m.Median(s => s.Compile), 0)} ms = {Pct(m.Median(s => s.Ours), m.Median(s => s.Compile))} (per-run median {P(m.MedianRatio(s => s.Ours, s => s.Compile))})")),
            clean.Count == 0 ? null : clean.All(m => m.Median(s => s.Ours) <= 0.001 * m.Median(s => s.Compile))));
        targets.Add(new TargetResult(
            "Realistic project: our analyzer time ≤ 1% of compile time (goal 0.5%), noise filtered (fastest-callback sums over the fastest compile)",
            string.Join("; ", realistic.Select(m => $"{m.Corpus.Scale}x: "
                + (Fastest.FirstOrDefault(f => f.Corpus.Name == "realistic" && f.Corpus.Scale == m.Corpus.Scale) is { } f ? $"{F(f.Ours, 1)} ms / {F(m.Min(s => s.Compile), 0)} ms = {Pct(f.Ours, m.Min(s => s.Compile))}" : "fastest sums not run")
                + $" (telemetry medians, GC pauses and the machine's load included: {F(m.Median(s => s.Ours), 1)} ms / {F(m.Median(s => s.Compile), 0)} ms = {Pct(m.Median(s => s.Ours), m.Median(s => s.Compile))}; "
                + $"process CPU over the baseline run {F(m.Median(s => s.OursCpu - s.BaselineCpu), 0)} ms)")),
            realistic.Count == 0 ? null : realistic.All(m => Fastest.FirstOrDefault(f => f.Corpus.Name == "realistic" && f.Corpus.Scale == m.Corpus.Scale) is { } f && f.Ours <= 0.01 * m.Min(s => s.Compile))));
        targets.Add(new TargetResult(
            "Dense corpus: ours ≤ 1.5x the graph floor (fastest-callback sums: the compiler's graphs of the bodies with tracked calls)",
            string.Join("; ", Fastest.Where(f => f.Corpus.Name == "dense").Select(f => $"{f.Corpus.Scale}x: {F(f.Ours)} ms / {F(f.Floor)} ms = {F(f.Ours / f.Floor, 2)}x (our work above the floor: {F((f.Ours - f.Floor) / f.Floor, 2)}x the floor; 1.5x leaves it 0.5x)")),
            !Fastest.Any(f => f.Corpus.Name == "dense") ? null : Fastest.Where(f => f.Corpus.Name == "dense").All(f => f.Ours <= 1.5 * f.Floor)));
        targets.Add(new TargetResult(
            "Dense corpus: CA2000 / ours ≥ 10x on the same compilation",
            string.Join("; ", dense.Where(m => m.HasNetAnalyzers).Select(m => $"{m.Corpus.Scale}x: CA2000 {F(m.Median(s => s.Ca2000))} ms / ours {F(m.Median(s => s.Ours))} ms = {F(m.Median(s => s.Ca2000) / m.Median(s => s.Ours), 2)}x (per-run median {F(m.MedianRatio(s => s.Ca2000, s => s.Ours), 2)}x; "
                + $"an analyzer that only binds these bodies and builds their graphs, the graph floor, would score CA2000 / floor = {F(m.Median(s => s.Ca2000) / m.Median(s => s.GraphFloor), 2)}x)"))
                + (Builds.FirstOrDefault(b => b.WithCa2000 && b.Succeeded) is { } both
                    ? $"; whole build of the dense corpus ({both.Project}) with both on (a cold csc process): CA2000 {F(both.Ca2000Seconds, 3)} s / ours {F(both.OursSeconds, 3)} s = {F(both.Ca2000Seconds / both.OursSeconds, 2)}x"
                    : string.Empty),
            !dense.Any(m => m.HasNetAnalyzers) ? null : dense.Where(m => m.HasNetAnalyzers).All(m => m.Median(s => s.Ca2000) >= 10 * m.Median(s => s.Ours))));
        foreach (var group in new[] { ("clean", clean), ("dense", dense), ("realistic", realistic) })
        {
            var one = group.Item2.FirstOrDefault(m => m.Corpus.Scale == 1);
            var sixteen = group.Item2.FirstOrDefault(m => m.Corpus.Scale == 16);
            var largest = group.Item2.LastOrDefault();
            string measured;
            bool? met;
            if (one is not null && sixteen is not null)
            {
                var ratio = sixteen.Median(s => s.Ours) / one.Median(s => s.Ours);
                measured = $"16x {F(sixteen.Median(s => s.Ours), 2)} ms / 1x {F(one.Median(s => s.Ours), 2)} ms = {F(ratio, 2)}x (corpus lines {F((double)sixteen.Corpus.Lines / one.Corpus.Lines, 2)}x; compile {F(sixteen.Median(s => s.Compile) / one.Median(s => s.Compile), 2)}x"
                    + (Fastest.FirstOrDefault(f => f.Corpus.Name == group.Item1 && f.Corpus.Scale == 16) is { } f16 && Fastest.FirstOrDefault(f => f.Corpus.Name == group.Item1 && f.Corpus.Scale == 1) is { } f1
                        ? $"; fastest-callback sums {F(f16.Ours)} ms / {F(f1.Ours)} ms = {F(f16.Ours / f1.Ours, 2)}x"
                        : string.Empty)
                    + ")";
                met = ratio <= 20;
            }
            else
            {
                measured = one is not null && largest is not null && largest != one
                    ? $"16x not run; {largest.Corpus.Scale}x/1x = {F(largest.Median(s => s.Ours) / one.Median(s => s.Ours), 2)}x"
                    : "16x not run";
                met = null;
            }

            targets.Add(new TargetResult($"Growth ({group.Item1}): our time at 16x ≤ 20x our time at 1x", measured, met));
        }

        targets.Add(new TargetResult(
            "Memory: no per-compilation cache outlives its compilation (WeakReference dead after a forced GC)",
            $"compilation we created: {(Memory.OriginalAlive ? "ALIVE" : "collected")}; compilation the analyzers saw: {(Memory.AnalyzedAlive ? "ALIVE" : "collected")} "
            + $"(control with the empty analyzer only: {(Memory.ControlOriginalAlive || Memory.ControlAnalyzedAlive ? "ALIVE" : "collected")}; {Memory.Diagnostics} diagnostics reported in the run)",
            Memory.Met));
        return targets;
    }

    public string Render()
    {
        var sb = new StringBuilder();
        void L(string line = "") => sb.Append(line).Append('\n');

        L("# Analyzer performance benchmark (issues 8 and 18)");
        L();
        L($"Written by the benchmark itself ({Mode}). Regenerate with:");
        L();
        L("```");
        L(Command);
        L("```");
        L();
        L("| | |");
        L("|---|---|");
        L($"| date (UTC) | {StartedUtc:yyyy-MM-dd HH:mm} (run took {Duration.TotalMinutes:F1} min) |");
        L($"| machine | {Machine} |");
        L($"| load average (1/5/15 min) at start / end | {LoadStart} / {LoadEnd} — the machine is shared, so absolute times are noisy; ratios are taken within one repetition's environment |");
        L($"| .NET SDK / runtime | {Sdk} / {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} |");
        L($"| Roslyn in process | {typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version} (the analyzer's minimum, 4.8) |");
        L($"| baseline analyzers | Microsoft.CodeAnalysis.NetAnalyzers {BenchEnvironment.NetAnalyzersVersion} from the global packages folder, CA2000 and CA1806 enabled as warnings |");
        L($"| reference assemblies | Microsoft.NETCore.App.Ref {BenchEnvironment.RefPackVersion} (net8.0) |");
        L($"| repetitions | smallest size: one discarded warm-up run (JIT), then {Repetitions} runs; 4x: {RepetitionsLarge} runs; 16x: {RepetitionsHuge} runs (the process is warm by then; fewer runs keep the full run near 10 minutes on this shared machine); medians reported |");
        L($"| corpus seed | {Seed} |");
        L();
        L("## Corpora");
        L();
        L("Generated by `bench/SecureSockets.Bench/Corpus` from a fixed seed. *clean*: a line-of-business code base (entities, records, repositories, services with LINQ, async, try/catch, pattern matching, readers) that calls none of the tracked APIs. "
          + "*dense*: every method has 3–10 socket or impersonation events in every binding style ([DllImport] with renamed EntryPoint, [LibraryImport] with both halves written, managed Socket via .Handle, same-compilation helpers, WSAIoctl) and rule shape (try/finally and catch+after reverts, correlated flags, loops, async, accepted sockets, UDP send-to; ~8% misuse blocks), "
          + "each socket and impersonation scope with an IDisposable twin created and disposed in the same control-flow shape, so CA2000 tracks as many objects as we track sockets. Density counts every tracked call written (events in method bodies and in helper bodies). "
          + "*realistic*: a whole project shaped like the real ones (a platform library in the style of NtCoreLib with a business layer on top): per unit of scale a P/Invoke file with 240 untracked externs (some renamed through EntryPoint), wrapper types with 40 methods calling the externs, each other and a throwing status checker, "
          + "a static type with 250 members going through the wrappers, generated-looking code (a 400-arm switch, a 400-entry table), a resource class marked <auto-generated>, business code (most of the lines), and one file calling the tracked APIs through helpers 1–3 deep, called from the business layer; "
          + "one draft file with two compile errors, which the analyzers see and the compile column leaves out (a project with errors emits nothing).");
        L();
        L("| corpus | size | files | lines | types | methods | tracked calls | density |");
        L("|---|---|---|---|---|---|---|---|");
        foreach (var m in Measurements)
        {
            var c = m.Corpus;
            L($"| {c.Name} | {c.Scale}x | {c.Files.Count} | {c.Lines:N0} | {c.Types:N0} | {c.Methods:N0} | {c.TrackedCalls:N0} | {(c.TrackedCalls == 0 ? "none" : $"1 tracked call per {F(c.LinesPerTrackedCall)} lines")} |");
        }

        L();
        L("## In process: medians (ms)");
        L();
        L("Same compilation inputs for every column; each phase gets a fresh `CSharpCompilation` from the same parsed trees. "
          + "*compile* = `GetDiagnostics()` then `Emit` to a MemoryStream (binding + emit; parsing excluded), single-threaded (`concurrentBuild: false`). "
          + "Analyzer columns are `CompilationWithAnalyzers` execution-time telemetry (`logAnalyzerExecutionTime: true`, `concurrentAnalysis: false`): our two analyzers and the empty analyzer in one driver run, CA2000 + CA1806 in a separate one (so neither reuses control-flow graphs the other had the driver build). "
          + "*graph floor* is an analyzer that binds every body that calls anything and builds the compiler's `ControlFlowGraph` for it, and does nothing else, registered like ours (a semantic model action per file, so the binding it asks for is inside its callbacks as ours is), in a third driver run of its own: "
          + "the cost any control-flow analysis of these bodies pays before it does its own work (ours builds the same graphs, only for bodies with a tracked call). "
          + "*driver wall* is the whole `GetAnalyzerDiagnosticsAsync` call of our run, which re-binds the compilation (informational). "
          + "Ratios are of the medians, with the median of the per-run ratios in brackets. \"—\": not run (CA2000/CA1806 are skipped at 16x to keep the run within its time; the CA2000 target is judged at 1x and 4x).");
        L();
        L("| corpus | size | compile | SocketOrder | Impersonation | **ours total** | empty | graph floor | CA2000 | CA1806 | ours / compile | floor / compile | CA2000 / ours | driver wall (ours) |");
        L("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        // Ratios: of the medians, and in brackets the median of the per-run ratios (steadier under a shifting load).
        foreach (var m in Measurements)
        {
            var ours = m.Median(s => s.Ours);
            L($"| {m.Corpus.Name} | {m.Corpus.Scale}x | {F(m.Median(s => s.Compile), 0)} | {F(m.Median(s => s.SocketOrder), 2)} | {F(m.Median(s => s.Impersonation), 2)} | **{F(ours, 2)}** | {F(m.Median(s => s.Empty), 3)} | {F(m.Median(s => s.GraphFloor))} "
              + $"| {F(m.Median(s => s.Ca2000))} | {F(m.Median(s => s.Ca1806))} | {Pct(ours, m.Median(s => s.Compile))} ({P(m.MedianRatio(s => s.Ours, s => s.Compile))}) | {Pct(m.Median(s => s.GraphFloor), m.Median(s => s.Compile))} "
              + $"| {(ours > 0 && m.HasNetAnalyzers ? $"{F(m.Median(s => s.Ca2000) / ours, 2)}x ({F(m.MedianRatio(s => s.Ca2000, s => s.Ours), 2)}x)" : "—")} | {F(m.Median(s => s.OursDriverWall), 0)} |");
        }

        L();
        L("Spread (min–max over the warm runs, ms) and diagnostics reported (warm-up run):");
        L();
        L("| corpus | size | compile | ours total | CA2000 | diagnostics | analyzer exceptions |");
        L("|---|---|---|---|---|---|---|");
        foreach (var m in Measurements)
        {
            var diags = m.DiagnosticCounts.Count == 0 ? "none" : string.Join(", ", m.DiagnosticCounts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
            L($"| {m.Corpus.Name} | {m.Corpus.Scale}x | {F(m.Min(s => s.Compile), 0)}–{F(m.Max(s => s.Compile), 0)} | {F(m.Min(s => s.Ours), 2)}–{F(m.Max(s => s.Ours), 2)} | {F(m.Min(s => s.Ca2000))}–{F(m.Max(s => s.Ca2000))} | {diags} | {m.AnalyzerExceptions} |");
        }

        L();
        L("## Process CPU of whole driver runs (medians, ms)");
        L();
        L("Another view that the shared machine's other load cannot inflate: the process's CPU time over each whole `GetAnalyzerDiagnosticsAsync` call (binding, the driver, garbage collection on every thread, the analyzers), "
          + "minus that of a *baseline* driver run whose only analyzer asks for every body's operation tree and does nothing. What is left is what the analyzers cost the machine, collections they cause included. "
          + "*ours* is the run of our analyzers (with the empty analyzer), *CA2000 + CA1806* the NetAnalyzers run, *graph floor* the floor analyzer's run. "
          + "Dense and realistic corpora: on the clean corpus our analyzers register nothing past compilation start, so their driver run binds nothing and there is nothing to subtract from. "
          + "Process CPU has its own noise (background JIT and GC threads): compare the spread of *ours − baseline* before reading a difference of a few tens of ms.");
        L();
        L("| corpus | size | baseline run | ours − baseline (spread) | CA2000 + CA1806 − baseline | graph floor − baseline | (CA2000 + CA1806) / ours | ours / compile |");
        L("|---|---|---|---|---|---|---|---|");
        foreach (var m in Measurements.Where(m => m.Corpus.Name != "clean"))
        {
            var ours = m.Median(s => s.OursCpu - s.BaselineCpu);
            var net = m.Median(s => s.NetCpu - s.BaselineCpu);
            L($"| {m.Corpus.Name} | {m.Corpus.Scale}x | {F(m.Median(s => s.BaselineCpu), 0)} | {F(ours, 0)} ({F(m.Min(s => s.OursCpu - s.BaselineCpu), 0)} to {F(m.Max(s => s.OursCpu - s.BaselineCpu), 0)}) | {F(net, 0)} | {F(m.Median(s => s.FloorCpu - s.BaselineCpu), 0)} "
              + $"| {(m.HasNetAnalyzers && ours > 0 ? F(net / ours, 2) + "x" : "—")} | {Pct(ours, m.Median(s => s.Compile))} |");
        }

        if (Fastest.Count > 0)
        {
            L();
            L("## Dense and realistic corpora, noise filtered: where the time goes");
            L();
            L("Telemetry totals include whatever pauses land inside a callback: garbage collections (mostly of the compilation's own bound trees, which the driver builds between our callbacks) and the shared machine's other load. "
              + "Here both our analyzers and the graph floor run wrapped in a timing wrapper, several driver runs each after a warm-up; each callback's fastest run is its work, and the sum of those is a steadier number than any one run's total. "
              + "Compile is the fastest compile of the in-process table. *above the floor* is what our own model and flow engine cost on top of the compiler's graphs. "
              + "On the realistic corpus the floor is the graph of every body that calls anything (what an analysis that cannot tell the bodies apart pays); ours there is judged against compile.");
            L();
            L("| corpus | size | runs | compile (fastest) | ours (sum of fastest) | graph floor (sum of fastest) | ours / floor | ours / compile | floor / compile | above the floor / compile | allocated per run: ours / floor (MB) |");
            L("|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var f in Fastest)
            {
                var compile = Measurements.FirstOrDefault(m => m.Corpus.Name == f.Corpus.Name && m.Corpus.Scale == f.Corpus.Scale)?.Min(s => s.Compile) ?? double.NaN;
                L($"| {f.Corpus.Name} | {f.Corpus.Scale}x | {f.Runs} | {F(compile, 0)} | {F(f.Ours)} | {F(f.Floor)} | {F(f.Ours / f.Floor, 2)}x | {Pct(f.Ours, compile)} | {Pct(f.Floor, compile)} | {Pct(f.Ours - f.Floor, compile)} | {F(f.OursBytes / 1e6)} / {F(f.FloorBytes / 1e6)} |");
            }
        }

        L();
        L("## Whole build");
        L();
        L($"`dotnet build --no-incremental -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary` of temporary projects (net10.0): a copy of samples/Consumer and the {BuildCorpus} corpus, "
          + "each with and without an `Analyzer` item for the same SecureSockets.Analyzers.dll. One build each after one discarded warm-up build. "
          + "This machine sets `UseSharedCompilation=false` in the environment, so every build runs a fresh csc process: the analyzer rows include JIT-compiling the analyzers (the in-process table above is warm). "
          + "*Csc* is the task's time from the performance summary; *all analyzers* is the \"Total analyzer execution time\" line (the SDK's default NetAnalyzers rules run in both builds). "
          + "The dense corpus is built once more with CA2000 turned on (a global config): both analyzers in one cold csc process, where the driver binds every body for CA2000 and either may find a body already bound.");
        L();
        L("| project | our analyzer | build | wall (s) | Csc (s) | all analyzers (s) | ours (s) | SocketOrder (s) | Impersonation (s) | ours / Csc | CA2000 (s) | CA2000 / ours | SSX warnings |");
        L("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var b in Builds)
        {
            L($"| {b.Project} | {(b.WithAnalyzer ? "with" : "without")}{(b.WithCa2000 ? ", CA2000 on" : string.Empty)} | {(b.Succeeded ? "ok" : "FAILED")} | {F(b.WallSeconds)} | {F(b.CscSeconds, 2)} | {F(b.TotalAnalyzerSeconds, 3)} | {F(b.OursSeconds, 3)} | {F(b.SocketOrderSeconds, 3)} | {F(b.ImpersonationSeconds, 3)} | {(b.WithAnalyzer ? Pct(b.OursSeconds, b.CscSeconds) : "—")} "
              + $"| {(b.WithCa2000 ? F(b.Ca2000Seconds, 3) : "—")} | {(b.WithCa2000 && b.OursSeconds > 0 ? F(b.Ca2000Seconds / b.OursSeconds, 2) + "x" : "—")} | {b.SsxWarnings} |");
        }

        L();
        L("## Targets");
        L();
        L("| target | measured (medians) | verdict |");
        L("|---|---|---|");
        foreach (var t in Targets())
        {
            L($"| {t.Target} | {t.Measured} | {t.Verdict} |");
        }

        L();
        L("A missed target is not tuned here (bench/ does not touch src/): `--profile dense 4 --runs 5` (or `clean N`, `realistic N`) prints where our analyzers spend the time, per callback and per method, "
          + "with allocations, process CPU per driver run, and the graph floor beside it.");
        return sb.ToString();
    }
}
