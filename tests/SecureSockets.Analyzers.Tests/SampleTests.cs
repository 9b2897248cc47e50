using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests;

/// <summary>The sample consumer: every line marked <c>// SSXnnn</c> gets exactly those ids, and no other line gets any.</summary>
public class SampleTests
{
    private static readonly Regex Marker = new(@"//\s*(SSX\d{3}(?:[ ,]+SSX\d{3})*)\s*$", RegexOptions.Compiled);

    [Fact]
    public async Task Sample_reports_exactly_the_marked_lines()
    {
        var folder = Path.Combine(AnalyzerRunner.RepositoryRoot(), "samples", "Consumer");
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);

        var sources = files.Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
        var result = await AnalyzerRunner.RunAsync(sources, withGlobalUsings: false);

        Assert.Empty(result.CompilerErrors);
        Assert.Empty(result.AnalyzerExceptions);

        var expected = sources
            .SelectMany(s => s.Item2.Split('\n').Select((line, i) => (File: s.Item1, Line: i + 1, Match: Marker.Match(line))))
            .Where(x => x.Match.Success)
            .SelectMany(x => Regex.Matches(x.Match.Groups[1].Value, @"SSX\d{3}").Select(m => $"{x.File}:{x.Line}:{m.Value}"))
            .OrderBy(x => x, StringComparer.Ordinal)
            .ToList();
        var actual = result.Ssx
            .Select(d => $"{d.Location.GetLineSpan().Path}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}:{d.Id}")
            .OrderBy(x => x, StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }
}
