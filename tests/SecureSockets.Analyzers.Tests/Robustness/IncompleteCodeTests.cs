using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SecureSockets.Analyzers.Tests.Robustness;

/// <summary>
/// Never crash (AD0001 breaks users' builds): every analyzer runs over every test source — truncated at many points
/// and with tokens removed, as code looks while it is being typed — and no analyzer exception may surface.
/// </summary>
public class IncompleteCodeTests(ITestOutputHelper output)
{
    private const int Batches = 8;
    private const int TruncationsPerSource = 8;
    private const int RemovalsPerSource = 8;

    private static readonly Lazy<IReadOnlyList<string>> Sources = new(CollectSources);

    /// <summary>The code in the tests' raw string literals (markup removed), the clean corpus, the blind cases and the sample.</summary>
    private static IReadOnlyList<string> CollectSources()
    {
        var root = AnalyzerRunner.RepositoryRoot();
        var found = new List<string>();
        var testFolder = Path.Combine(root, "tests", "SecureSockets.Analyzers.Tests");
        foreach (var file in Directory.GetFiles(testFolder, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)).OrderBy(f => f, StringComparer.Ordinal))
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file));
            if ((file.Contains("CleanCorpus", StringComparison.Ordinal) || file.Contains($"Blind{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                && !file.EndsWith("Tests.cs", StringComparison.Ordinal))
            {
                found.Add(StripMarkup(tree.ToString()));
                continue;
            }

            foreach (var token in tree.GetRoot().DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
                {
                    found.Add(StripMarkup(token.ValueText));
                }
            }
        }

        foreach (var file in Directory.GetFiles(Path.Combine(root, "samples"), "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)).OrderBy(f => f, StringComparer.Ordinal))
        {
            found.Add(File.ReadAllText(file));
        }

        return found.Where(s => s.Length > 20).Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool IsBuildOutput(string path)
        => path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
           || path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string StripMarkup(string text)
        => Regex.Replace(text, @"\{\|[A-Za-z0-9#]+:|\|\}|\[\||\|\]", string.Empty);

    /// <summary>Deterministic variants of one source: prefixes cut at spread points, and copies with single tokens removed.</summary>
    private static IEnumerable<string> Variants(string source, int seed)
    {
        var random = new Random(seed);
        for (var i = 1; i <= TruncationsPerSource; i++)
        {
            yield return source.Substring(0, source.Length * i / (TruncationsPerSource + 1));
        }

        var tokens = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        for (var i = 0; i < RemovalsPerSource && tokens.Count > 0; i++)
        {
            var token = tokens[random.Next(tokens.Count)];
            yield return source.Remove(token.SpanStart, token.Span.Length);
        }
    }

    public static IEnumerable<object[]> BatchNumbers() => Enumerable.Range(0, Batches).Select(b => new object[] { b });

    [Theory]
    [MemberData(nameof(BatchNumbers))]
    public async Task No_analyzer_exception_on_incomplete_code(int batch)
    {
        var sources = Sources.Value;
        Assert.True(sources.Count > 100, $"only {sources.Count} sources found: the robustness run would prove little");

        var variants = new List<(string, string)>();
        for (var i = batch; i < sources.Count; i += Batches)
        {
            var n = 0;
            foreach (var variant in Variants(sources[i], seed: i))
            {
                variants.Add(($"s{i}v{n++}.cs", variant));
            }
        }

        // Bindings in every style, so the truncated code still binds to the APIs as far as it goes.
        variants.Add(("BindingsA.cs", Bindings.DllImport));
        variants.Add(("BindingsB.cs", Bindings.LibraryImport));
        variants.Add(("BindingsC.cs", SspiBindings.DllImportRefStruct));
        variants.Add(("BindingsD.cs", SspiBindings.HResultStruct));
        variants.Add(("BindingsE.cs", Bindings.SocketKinds));
        variants.Add(("BindingsF.cs", Bindings.SettingsShapes));
        variants.Add(("BindingsG.cs", SspiBindings.Handshake));

        // One compilation per few dozen variants keeps the run short; each variant is its own tree.
        var exceptions = new List<Exception>();
        foreach (var chunk in variants.Chunk(60))
        {
            var result = await AnalyzerRunner.RunAsync(chunk, new[] { BindingAssemblies.CsWin32, BindingAssemblies.Vanara, BindingAssemblies.TerraFx });
            exceptions.AddRange(result.AnalyzerExceptions);
            exceptions.AddRange(result.Diagnostics.Where(d => d.Id == "AD0001").Select(d => new InvalidOperationException(d.ToString())));
        }

        output.WriteLine($"batch {batch}: {variants.Count - 7} variants of {sources.Count} sources");
        Assert.True(exceptions.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, exceptions.Take(3).Select(e => e.ToString())));
    }
}
