using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Blind;

/// <summary>
/// Cases written from RULES.md alone by someone who had not read the engine, in the styles of real SSPI and Winsock
/// libraries (NSspi, NtApiDotNet, GenuineChannels, System.IdentityModel, Kerberos.NET, SMB servers, exploit tools).
/// Each file says what it expects on its first line and marks every expected diagnostic with span markup; every rule runs
/// (none switched off). A case named <c>X.cs</c> with an <c>X.lib.cs</c> beside it is a solution: the library is another
/// project the case references as a project (the IDE shape); <c>X.part1.cs</c>, <c>X.part2.cs</c> beside it are more files
/// of the case's own project (code split across files as libraries split it). Cases that need a feature not built yet wait in
/// <c>Blind/Open/</c> (not enumerated), each named in that folder's README with the issue that builds it.
/// </summary>
public class BlindCaseTests
{
    private static string CasesFolder => Path.Combine(AppContext.BaseDirectory, "Blind", "Cases");

    private static IReadOnlyList<string> CaseNames()
        => Directory.GetFiles(CasesFolder, "*.cs").Where(f => !f.EndsWith(".lib.cs", StringComparison.Ordinal) && !IsPart(f))
            .Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal).ToList()!;

    /// <summary><c>X.part1.cs</c>, <c>X.part2.cs</c>: more files of case X's own project.</summary>
    private static bool IsPart(string path)
        => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(path), @"\.part[0-9]+\.cs$");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in CaseNames())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_reports_exactly_its_marked_spans(string name)
    {
        var source = await File.ReadAllTextAsync(Path.Combine(CasesFolder, name + ".cs"));
        var libraryPath = Path.Combine(CasesFolder, name + ".lib.cs");
        var library = File.Exists(libraryPath) ? new[] { await File.ReadAllTextAsync(libraryPath) } : null;
        var parts = Directory.GetFiles(CasesFolder, name + ".part*.cs").Where(IsPart).OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (Path.GetFileName(p), File.ReadAllText(p))).ToArray();
        await Verify<AllRules>.AnalyzerAsync(source, Array.Empty<string>(), metadataReferences: null, onlyRule: null, librarySources: library, companions: parts);
    }

    [Fact]
    public void Corpus_has_at_least_forty_cases_both_clean_and_flagged()
    {
        var cases = CaseNames();
        var flagged = cases.Count(c => File.ReadAllText(Path.Combine(CasesFolder, c + ".cs")).Contains("{|SSX", StringComparison.Ordinal));
        Assert.True(cases.Count >= 40, $"{cases.Count} cases");
        Assert.InRange(flagged, 10, cases.Count - 10);
    }
}
