using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.CleanCorpus;

/// <summary>
/// The clean corpus (IDisposableAnalyzers' ValidCode / AllAnalyzersValid): realistic, correct programs in every
/// binding style. Every analyzer the package ships must report nothing on them, now and as rules are added.
/// Programs are copied to the output folder (they are not compiled into this assembly); programs in
/// <c>Programs/Gaps/</c> are known engine false positives and are not enumerated.
/// </summary>
public class CleanCorpusTests
{
    private const int MinimumPrograms = 8;

    private static string ProgramsFolder => Path.Combine(AppContext.BaseDirectory, "CleanCorpus", "Programs");

    private static IReadOnlyList<string> ProgramFiles() =>
        Directory.Exists(ProgramsFolder)
            ? Directory.GetFiles(ProgramsFolder, "*.cs", SearchOption.TopDirectoryOnly).OrderBy(f => f, StringComparer.Ordinal).ToList()
            : Array.Empty<string>();

    public static TheoryData<string> Programs()
    {
        var data = new TheoryData<string>();
        foreach (var file in ProgramFiles())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task Program_is_silent(string name)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(ProgramsFolder, name));
        var result = await AnalyzerRunner.RunAsync(new[] { (name, text) }, withGlobalUsings: false);
        AssertSilent(result);
    }

    [Fact]
    public async Task All_programs_in_one_compilation_are_silent()
    {
        var sources = ProgramFiles().Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
        Assert.NotEmpty(sources);
        var result = await AnalyzerRunner.RunAsync(sources, withGlobalUsings: false);
        AssertSilent(result);
    }

    [Fact]
    public void Corpus_has_at_least_eight_programs()
    {
        var files = ProgramFiles();
        Assert.True(
            files.Count >= MinimumPrograms,
            $"expected at least {MinimumPrograms} programs in {ProgramsFolder}, found {files.Count}: {string.Join(", ", files.Select(Path.GetFileName))}");
    }

    private static void AssertSilent(AnalyzerRunner.Result result)
    {
        var errors = result.CompilerErrors.ToList();
        Assert.True(errors.Count == 0, "compiler errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(Describe)));

        Assert.True(
            result.AnalyzerExceptions.Count == 0,
            "analyzer exceptions:" + Environment.NewLine + string.Join(Environment.NewLine, result.AnalyzerExceptions.Select(e => e.ToString())));

        var ssx = result.Ssx.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.True(ssx.Count == 0, "diagnostics on clean code:" + Environment.NewLine + string.Join(Environment.NewLine, ssx.Select(Describe)));
    }

    private static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        var line = span.StartLinePosition.Line + 1;
        var source = d.Location.SourceTree?.GetText().Lines[span.StartLinePosition.Line].ToString().Trim() ?? string.Empty;
        return $"  {d.Id} {span.Path}:{line}: {d.GetMessage()}{Environment.NewLine}      {source}";
    }
}
