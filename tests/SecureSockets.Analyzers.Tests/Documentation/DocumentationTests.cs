using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Documentation;

/// <summary>Every shipped descriptor has its docs page (matching id, title, category, severity), its help link and its release entry.</summary>
public class DocumentationTests
{
    public static IEnumerable<object[]> Descriptors()
        => AnalyzerRunner.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id).Select(g => new object[] { g.Key });

    private static DiagnosticDescriptor Descriptor(string id)
        => AnalyzerRunner.AllAnalyzers.SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == id);

    private static string Root => AnalyzerRunner.RepositoryRoot();

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Docs_page_matches_descriptor(string id)
    {
        var descriptor = Descriptor(id);
        var page = Path.Combine(Root, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"docs/rules/{id}.md is missing");
        var text = File.ReadAllText(page);

        Assert.StartsWith($"# {id}: {descriptor.Title}", text, StringComparison.Ordinal);
        Assert.Equal(id, Row(text, "Id"));
        Assert.Equal(descriptor.Title.ToString(), Row(text, "Title"));
        Assert.Equal(descriptor.Category, Row(text, "Category"));
        Assert.Equal(descriptor.DefaultSeverity.ToString(), Row(text, "Default severity"));
        Assert.Matches(@"C-[A-Z]+-\d+", Row(text, "Contract clauses"));
    }

    /// <summary>
    /// One rule, one name: its analyzer's check file, its test file, and where it has a fix, the fix and its test file, all
    /// named <c>SSXnnn&lt;Name&gt;</c>.
    /// </summary>
    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Rule_files_are_found_by_one_name(string id)
    {
        var analyzer = AnalyzerRunner.AllAnalyzers.Single(a => a.SupportedDiagnostics.Any(d => d.Id == id)).GetType().Name;
        Assert.StartsWith(id, analyzer, StringComparison.Ordinal);
        Assert.EndsWith("Analyzer", analyzer, StringComparison.Ordinal);
        var name = analyzer.Substring(0, analyzer.Length - "Analyzer".Length);

        Assert.True(File.Exists(Path.Combine(Root, "src", "Analyzers", "Rules", analyzer + ".cs")), $"src/Analyzers/Rules/{analyzer}.cs is missing");
        Assert.True(File.Exists(Path.Combine(Root, "tests", "SecureSockets.Analyzers.Tests", "Rules", name + "Tests.cs")), $"tests/SecureSockets.Analyzers.Tests/Rules/{name}Tests.cs is missing");
        if (File.Exists(Path.Combine(Root, "src", "CodeFixes", name + "CodeFix.cs")))
        {
            Assert.True(File.Exists(Path.Combine(Root, "tests", "SecureSockets.Analyzers.Tests", "CodeFixes", name + "CodeFixTests.cs")), $"tests/SecureSockets.Analyzers.Tests/CodeFixes/{name}CodeFixTests.cs is missing");
        }
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Help_link_points_at_the_docs_page(string id)
    {
        var descriptor = Descriptor(id);
        Assert.EndsWith($"/docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Rule_is_in_release_tracking(string id)
    {
        var descriptor = Descriptor(id);
        var releases = string.Join("\n", Directory.GetFiles(Path.Combine(Root, "src", "Analyzers"), "AnalyzerReleases.*.md").Select(File.ReadAllText));
        var row = releases.Split('\n').FirstOrDefault(l => l.StartsWith(id + " ", StringComparison.Ordinal));
        Assert.True(row is not null, $"{id} is missing from AnalyzerReleases.*.md");
        var cells = row!.Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(descriptor.Category, cells[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
    }

    [Fact]
    public void Readme_rule_table_lists_every_rule()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        foreach (var id in Descriptors().Select(d => (string)d[0]))
        {
            Assert.Contains($"[{id}](docs/rules/{id}.md)", readme, StringComparison.Ordinal);
        }
    }

    private static string Row(string page, string name)
    {
        var match = Regex.Match(page, @"^\|\s*" + Regex.Escape(name) + @"\s*\|\s*(.*?)\s*\|\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, $"row '{name}' missing");
        return match.Groups[1].Value;
    }
}
