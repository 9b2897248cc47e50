using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Tests.Infrastructure;

namespace SecureSockets.Analyzers.Tests.Documentation;

/// <summary>
/// The generator of everything that lists the rules (Meziantou's DocumentationGenerator is the idea): the global
/// config presets, the rule tables of both READMEs, the docs index and the targets' rule-set properties, all rendered
/// from the descriptors (id, title, severity, and the rule set and contract clauses their custom tags carry). A rule id
/// is typed in its descriptor and nowhere else these files are concerned.
/// </summary>
public static class RuleTables
{
    private const string TableStart = "<!-- generated: rule table (tests/.../Documentation/RuleTables.cs) -->";
    private const string TableEnd = "<!-- end of generated rule table -->";
    private const string RuleSetTag = "RuleSet";

    public sealed record Rule(string Id, string Title, string Severity, int RuleSet, IReadOnlyList<string> Clauses);

    public static IReadOnlyList<Rule> Rules { get; } = AnalyzerRunner.AllAnalyzers
        .SelectMany(a => a.SupportedDiagnostics)
        .GroupBy(d => d.Id)
        .Select(g => g.First())
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .Select(d => new Rule(
            d.Id,
            d.Title.ToString(CultureInfo.InvariantCulture),
            Severity(d.DefaultSeverity),
            int.Parse(d.CustomTags.Single(t => t.StartsWith(RuleSetTag, StringComparison.Ordinal))[RuleSetTag.Length..], CultureInfo.InvariantCulture),
            d.CustomTags.Where(t => t.StartsWith("C-", StringComparison.Ordinal)).ToList()))
        .ToList();

    public static int LatestRuleSet => Rules.Max(r => r.RuleSet);

    /// <summary>Every generated file, by path from the repository root, as it should read given its current text.</summary>
    public static IReadOnlyDictionary<string, string> Render(Func<string, string> current)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["build/config/securesockets_default.globalconfig"] = DefaultConfig(),
            ["build/config/securesockets_none.globalconfig"] = NoneConfig(),
            ["docs/rules/README.md"] = DocsIndex(),
            ["README.md"] = ReplaceTable(current("README.md"), RepositoryTable()),
            ["src/Package/README.md"] = ReplaceTable(current("src/Package/README.md"), PackageTable()),
            ["build/SecureSockets.Analyzers.targets"] = RuleSetProperties(current("build/SecureSockets.Analyzers.targets")),
        };
        for (var set = 1; set <= LatestRuleSet; set++)
        {
            files[$"build/config/securesockets_strict_ruleset{set}.globalconfig"] = StrictConfig(set);
        }

        return files;
    }

    private static string Header(string mode, string what) => $"""
        # SecureSockets.Analyzers - analysis mode '{mode}' (global analyzer config, selected by build/SecureSockets.Analyzers.targets
        # from the MSBuild property SecureSocketsAnalysisMode). Generated from the descriptors: do not edit by hand.
        # global_level -90 is below a project's own .globalconfig (100); entries in .editorconfig files always win over
        # global configs. So 'dotnet_diagnostic.SSXnnn.severity' in the consumer's .editorconfig overrides this file per rule.
        #
        {what}
        is_global = true
        global_level = -90

        """.Replace("\r\n", "\n") + "\n";

    private static string DefaultConfig()
        => Header("Default", $"""
            # Default: every rule keeps the severity its descriptor declares ({string.Join("; ", Rules.GroupBy(r => r.Severity).Select(g => Ranges(g.Select(r => r.Id)) + ": " + g.Key))}). This file sets no
            # per-rule severity on purpose: an id-specific entry here would beat a consumer's category-wide setting
            # (dotnet_analyzer_diagnostic.category-Security.severity) in their .editorconfig.
            """).TrimEnd('\n') + "\n";

    private static string NoneConfig()
        => Header("None", "# None: every rule of the package is off (the analyzer is still loaded, so .editorconfig can turn one rule back on).")
           + string.Concat(Rules.Select(r => $"dotnet_diagnostic.{r.Id}.severity = none\n"));

    private static string StrictConfig(int set)
    {
        var included = Rules.Where(r => r.RuleSet <= set).ToList();
        return Header("Strict", $"""
                # Strict, rule set {set}: every rule of rule sets 1 to {set} is an error, for CI gating.
                # Rule set {set} = {Ranges(included.Select(r => r.Id))}. Rules added by later releases keep their default severity until the project opts into
                # their rule set (SecureSocketsRuleSet=<n> or latest); updating the package to a release with more rules adds no new errors.
                """)
               + string.Concat(included.Select(r => $"dotnet_diagnostic.{r.Id}.severity = error\n"));
    }

    private static string RepositoryTable()
        => Table("| Id | Title | Default | Rule set | Contract clauses |", "|---|---|---|---|---|",
            r => $"| [{r.Id}](docs/rules/{r.Id}.md) | {r.Title} | {r.Severity} | {r.RuleSet} | {Clauses(r.Clauses)} |");

    private static string PackageTable()
        => Table("| Id | Title | Default | Rule set |", "|---|---|---|---|",
            r => $"| [{r.Id}](https://github.com/SecureSockets/SecureSockets.Analyzers/blob/main/docs/rules/{r.Id}.md) | {r.Title} | {r.Severity} | {r.RuleSet} |");

    private static string DocsIndex()
        => "# Rules\n\nGenerated from the descriptors (tests/SecureSockets.Analyzers.Tests/Documentation/RuleTables.cs): do not edit by hand.\n\n"
           + Table("| Id | Title | Default | Rule set | Contract clauses |", "|---|---|---|---|---|",
               r => $"| [{r.Id}]({r.Id}.md) | {r.Title} | {r.Severity} | {r.RuleSet} | {Clauses(r.Clauses)} |")
           + "\n";

    private static string Table(string head, string rule, Func<Rule, string> row)
        => head + "\n" + rule + "\n" + string.Concat(Rules.Select(r => row(r) + "\n"));

    private static string ReplaceTable(string text, string table)
    {
        var start = text.IndexOf(TableStart, StringComparison.Ordinal);
        var end = text.IndexOf(TableEnd, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException($"the markers '{TableStart}' and '{TableEnd}' are missing");
        }

        return text[..(start + TableStart.Length)] + "\n" + table + text[end..];
    }

    private static string RuleSetProperties(string targets)
    {
        var known = ";" + string.Join(";", Enumerable.Range(1, LatestRuleSet)) + ";";
        targets = Regex.Replace(targets, "<_SecureSocketsLatestRuleSet>[^<]*</_SecureSocketsLatestRuleSet>", $"<_SecureSocketsLatestRuleSet>{LatestRuleSet}</_SecureSocketsLatestRuleSet>");
        return Regex.Replace(targets, "<_SecureSocketsKnownRuleSets>[^<]*</_SecureSocketsKnownRuleSets>", $"<_SecureSocketsKnownRuleSets>{known}</_SecureSocketsKnownRuleSets>");
    }

    private static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };

    /// <summary>C-SEC-1, C-SEC-2, C-ALL-2 → "C-SEC-1, 2, C-ALL-2".</summary>
    private static string Clauses(IReadOnlyList<string> clauses)
    {
        var text = new StringBuilder();
        string? family = null;
        foreach (var clause in clauses)
        {
            var cut = clause.LastIndexOf('-');
            var prefix = clause[..(cut + 1)];
            text.Append(text.Length == 0 ? string.Empty : ", ").Append(prefix == family ? clause[(cut + 1)..] : clause);
            family = prefix;
        }

        return text.ToString();
    }

    /// <summary>SSX001, SSX002, SSX003, SSX005 → "SSX001-SSX003, SSX005".</summary>
    private static string Ranges(IEnumerable<string> ids)
    {
        var numbers = ids.Select(id => int.Parse(id[3..], CultureInfo.InvariantCulture)).OrderBy(n => n).ToList();
        var parts = new List<string>();
        for (var i = 0; i < numbers.Count;)
        {
            var j = i;
            while (j + 1 < numbers.Count && numbers[j + 1] == numbers[j] + 1)
            {
                j++;
            }

            parts.Add(j == i ? $"SSX{numbers[i]:D3}" : $"SSX{numbers[i]:D3}-SSX{numbers[j]:D3}");
            i = j + 1;
        }

        return string.Join(", ", parts);
    }
}
