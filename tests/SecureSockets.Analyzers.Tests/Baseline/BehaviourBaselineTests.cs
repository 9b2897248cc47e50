using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SecureSockets.Analyzers.Tests.Infrastructure;
using SecureSockets.Bench.Corpus;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Baseline;

/// <summary>
/// Behaviour is kept across engine changes: every analyzer runs over the tests' own sources (each raw string, wrapped
/// and with the bindings its test class uses), the clean corpus, the sample and the benchmark's generated corpora, and
/// the full diagnostic list (id, file, span, message, related locations) must equal the checked-in
/// <c>diagnostics.txt</c>. The rule tests switch other rules off; this list has every rule's reports on every source,
/// so a change in any of them shows. After an intended change, regenerate with <c>SSX_UPDATE_BASELINE=1</c> and explain
/// the difference in the commit.
/// </summary>
public class BehaviourBaselineTests
{
    private const string UpdateVariable = "SSX_UPDATE_BASELINE";

    private static string BaselinePath => Path.Combine(AnalyzerRunner.RepositoryRoot(), "tests", "SecureSockets.Analyzers.Tests", "Baseline", "diagnostics.txt");

    [Fact]
    public async Task Diagnostics_over_every_corpus_equal_the_baseline()
    {
        var lines = new List<string>();
        foreach (var unit in Units())
        {
            var result = await AnalyzerRunner.RunAsync(unit.Sources, withGlobalUsings: unit.GlobalUsings);
            foreach (var exception in result.AnalyzerExceptions)
            {
                lines.Add($"{unit.Name}\tAD0001\t{exception.GetType().Name}: {exception.Message}");
            }

            lines.AddRange(result.Ssx
                .Where(d => !IsBindingSource(d.Location.SourceTree?.FilePath))
                .Select(d => $"{unit.Name}\t{d.Id}\t{Describe(d.Location)}\t{d.GetMessage()}\t{string.Join(" ", d.AdditionalLocations.Select(Describe))}")
                .OrderBy(l => l, StringComparer.Ordinal));
        }

        var actual = string.Join("\n", lines) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(BaselinePath, actual);
        }

        var expected = File.Exists(BaselinePath) ? (await File.ReadAllTextAsync(BaselinePath)).Replace("\r\n", "\n") : string.Empty;
        var expectedLines = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var lost = expectedLines.Except(lines).ToList();
        var gained = lines.Except(expectedLines).ToList();
        Assert.True(
            lost.Count == 0 && gained.Count == 0,
            $"diagnostics differ from {BaselinePath} ({lines.Count} now, {expectedLines.Length} before); set {UpdateVariable}=1 to accept"
            + Environment.NewLine + "lost:" + Environment.NewLine + string.Join(Environment.NewLine, lost.Take(40))
            + Environment.NewLine + "gained:" + Environment.NewLine + string.Join(Environment.NewLine, gained.Take(40)));
        Assert.True(lines.Count > 500, $"the corpora gave only {lines.Count} diagnostics: the collection of sources broke");
    }

    private sealed record Unit(string Name, IReadOnlyList<(string Path, string Text)> Sources, bool GlobalUsings);

    private static IEnumerable<Unit> Units()
        => TestSourceUnits().Concat(CleanCorpusUnits()).Concat(SampleUnits()).Concat(BenchUnits());

    /// <summary>Each raw string of each test file: wrapped by its class's <c>Wrap</c> when it is a body, with its class's <c>Shapes</c> (else every binding).</summary>
    private static IEnumerable<Unit> TestSourceUnits()
    {
        var root = Path.Combine(AnalyzerRunner.RepositoryRoot(), "tests", "SecureSockets.Analyzers.Tests");
        var allBindings = BindingConstants(typeof(Bindings)).Concat(BindingConstants(typeof(SspiBindings))).ToList();
        var types = typeof(BehaviourBaselineTests).Assembly.GetTypes();
        foreach (var folder in new[] { "Rules", "CodeFixes", "Catalog", "Flow", "Robustness" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(root, folder), "*.cs").OrderBy(f => f, StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var type = types.FirstOrDefault(t => t.Name == name);
                var wrap = type?.GetMethod("Wrap", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public, new[] { typeof(string) });
                var shapes = type?.GetField("Shapes", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(null) as string[];
                var bindings = shapes?.ToList() ?? allBindings;
                foreach (var snippet in RawStrings(File.ReadAllText(file)))
                {
                    var code = LooksLikeTypes(snippet) || wrap is null ? snippet : (string)wrap.Invoke(null, new object[] { snippet })!;
                    var sources = new List<(string, string)> { ("Test.cs", code) };
                    sources.AddRange(bindings.Select((b, i) => ($"Binding{i}.cs", b)));
                    // Keyed by content, not position: a test added to a file adds lines here and moves none.
                    yield return new Unit($"{folder}/{name}#{Hash(snippet)}", sources, GlobalUsings: true);
                }
            }
        }
    }

    private static string Hash(string text)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n")));
        return Convert.ToHexString(bytes, 0, 4);
    }

    private static IEnumerable<Unit> CleanCorpusUnits()
    {
        var folder = Path.Combine(AnalyzerRunner.RepositoryRoot(), "tests", "SecureSockets.Analyzers.Tests", "CleanCorpus", "Programs");
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText(f))).ToList();
        yield return new Unit("CleanCorpus", files, GlobalUsings: false);
    }

    private static IEnumerable<Unit> SampleUnits()
    {
        var folder = Path.Combine(AnalyzerRunner.RepositoryRoot(), "samples", "Consumer");
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
        yield return new Unit("Sample", files, GlobalUsings: false);
    }

    /// <summary>The benchmark's seeded corpora: dense (every shape, correct and misuse) at three seeds and two scales, clean at one.</summary>
    private static IEnumerable<Unit> BenchUnits()
    {
        foreach (var (scale, seed) in new[] { (1, 1), (1, 2), (4, 3) })
        {
            yield return new Unit($"Bench/dense-x{scale}-seed{seed}", DenseCorpus.Generate(scale, seed).Files, GlobalUsings: false);
        }

        yield return new Unit("Bench/clean-seed1", SecureSockets.Bench.Corpus.CleanCorpus.Generate(scale: 1, seed: 1).Files, GlobalUsings: false);
    }

    private static IEnumerable<string> BindingConstants(Type type)
        => type.GetFields(BindingFlags.Static | BindingFlags.Public)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => (string)f.GetRawConstantValue()!);

    private static bool IsBindingSource(string? path) => path is not null && path.StartsWith("Binding", StringComparison.Ordinal);

    private static bool LooksLikeTypes(string code) => Regex.IsMatch(code, @"\b(class|struct|interface|namespace|record)\s+\w");

    private static IEnumerable<string> RawStrings(string file)
    {
        foreach (var token in CSharpSyntaxTree.ParseText(file).GetRoot().DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
            {
                yield return StripMarkup(token.ValueText);
            }
        }
    }

    private static string StripMarkup(string text) => Regex.Replace(text, @"\{\|[A-Za-z0-9_#]+:|\|\}|\[\||\|\]", string.Empty);

    private static string Describe(Location location)
    {
        var span = location.GetLineSpan();
        return $"{span.Path}:{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}-{span.EndLinePosition.Line + 1}:{span.EndLinePosition.Character + 1}";
    }
}
