using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Documentation;

/// <summary>
/// Source comments cite contract clause ids (C-XXX-n) and state the rule they rely on in plain words; none cites a
/// document that is not in the repository (numbered precision cases, RULES.md, CONTRACTS.md, STYLE.md, reading 24).
/// </summary>
public class CommentCitationTests
{
    private static readonly Regex OutsideCitation = new(@"Precision \d|RULES\.md|CONTRACTS\.md|STYLE\.md|reading 24", RegexOptions.Compiled);

    private static string Root => AnalyzerRunner.RepositoryRoot();

    private static bool IsBuildOutput(string relative)
        => relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            .Any(part => part is "bin" or "obj");

    [Fact]
    public void Source_cites_no_document_outside_the_repository()
    {
        var src = Path.Combine(Root, "src");
        var offending = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(Root, file);
            if (IsBuildOutput(relative))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (OutsideCitation.IsMatch(lines[i]))
                {
                    offending.Add($"{relative.Replace('\\', '/')}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(
            offending.Count == 0,
            "Comments cite documents outside the repository; cite a contract clause id and state the rule instead:\n"
            + string.Join("\n", offending));
    }
}
