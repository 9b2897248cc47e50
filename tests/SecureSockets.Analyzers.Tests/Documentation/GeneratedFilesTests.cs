using System;
using System.IO;
using System.Linq;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Documentation;

/// <summary>
/// The files <see cref="RuleTables"/> renders from the descriptors are checked in as rendered: this fails when they drift
/// (a rule added, retitled or moved to another rule set without regenerating). Regenerate with
/// <c>SSX_UPDATE_GENERATED=1 dotnet test --filter GeneratedFilesTests</c>.
/// </summary>
public class GeneratedFilesTests
{
    private const string UpdateVariable = "SSX_UPDATE_GENERATED";

    private static string Root => AnalyzerRunner.RepositoryRoot();

    private static string Read(string path)
    {
        var full = Path.Combine(Root, path);
        return File.Exists(full) ? File.ReadAllText(full).Replace("\r\n", "\n") : string.Empty;
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in RuleTables.Render(Read).Keys)
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Checked_in_file_is_what_the_descriptors_render(string path)
    {
        var expected = RuleTables.Render(Read)[path];
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(Path.Combine(Root, path), expected);
        }

        Assert.True(expected == Read(path), $"{path} drifted from the descriptors; set {UpdateVariable}=1 and run this test to regenerate it");
    }

    [Fact]
    public void Every_rule_has_a_rule_set_and_contract_clauses()
    {
        Assert.NotEmpty(RuleTables.Rules);
        Assert.All(RuleTables.Rules, r =>
        {
            Assert.InRange(r.RuleSet, 1, RuleTables.LatestRuleSet);
            Assert.NotEmpty(r.Clauses);
        });
        Assert.Equal(Enumerable.Range(1, RuleTables.LatestRuleSet), RuleTables.Rules.Select(r => r.RuleSet).Distinct().OrderBy(n => n));
    }
}
