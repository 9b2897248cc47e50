using System;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureSockets.Bench.Harness;

/// <summary>`--diagnose-compile clean|dense N`: where the compiler spends its time on a corpus (per method body).</summary>
internal static class CompileDiagnosis
{
    public static void Run(InProcessBench bench, Corpus.GeneratedCorpus corpus, Action<string> print)
    {
        var trees = InProcessBench.Parse(corpus);
        for (var run = 0; run < 2; run++)
        {
            var compilation = bench.CreateCompilation(trees);
            _ = compilation.GetDeclarationDiagnostics();
            var timings = new System.Collections.Generic.List<(double Ms, string Text)>();
            var sw = Stopwatch.StartNew();
            foreach (var tree in trees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var method in tree.GetRoot().DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
                {
                    var one = Stopwatch.StartNew();
                    _ = model.GetDiagnostics(method.Span);
                    timings.Add((one.Elapsed.TotalMilliseconds, method.ToString()));
                }
            }

            print($"run {run}: {sw.Elapsed.TotalMilliseconds:F0} ms over {timings.Count} methods");
            if (run == 1)
            {
                foreach (var t in timings.OrderByDescending(t => t.Ms).Take(3))
                {
                    print($"--- {t.Ms:F1} ms\n{t.Text}");
                }
            }
        }
    }
}
