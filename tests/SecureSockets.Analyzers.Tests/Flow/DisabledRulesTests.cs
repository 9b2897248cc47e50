using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Rules;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Flow;

/// <summary>
/// A rule switched off (severity none, from the compilation's options or per tree from .editorconfig) has its check
/// skipped, and a body that no enabled check cares about gets no control-flow graph.
/// </summary>
public class DisabledRulesTests
{
    private const string Source = """
        class C
        {
            static void Work() { }

            void Impersonates(ref SecHandle h)
            {
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                Work();
                if (Sspi.RevertSecurityContext(ref h) != 0) Environment.FailFast("revert failed");
            }
        }
        """;

    // Every rule whose pre-filter takes an impersonation call (the socket kind and state rules judge peer impersonations)
    // or a revert.
    private static readonly string[] ImpersonationRules = { "SSX003", "SSX004", "SSX005", "SSX008", "SSX009", "SSX010", "SSX011", "SSX014", "SSX016" };

    private static async Task<(AnalyzerRunner.Result Result, int Graphs)> RunAsync(System.Func<CompilationOptions, CompilationOptions> configure)
    {
        var compilation = await AnalyzerRunner.CompileAsync(new[] { ("Test.cs", Source), ("Sspi.cs", SspiBindings.DllImportRefStruct) });
        var configured = compilation.WithOptions(configure(compilation.Options));
        var probe = new CompilationProbe();
        var result = await AnalyzerRunner.AnalyzeAsync(configured, probe);
        return (result, BodyFlows.For(CompilationAnalysis.For(probe.Seen!)!).GraphsBuilt);
    }

    [Fact]
    public async Task Enabled_rules_analyze_the_body()
    {
        var (result, graphs) = await RunAsync(o => o);
        Assert.Equal(new[] { "SSX004" }, result.Ssx.Select(d => d.Id));
        Assert.Equal(1, graphs);
    }

    [Fact]
    public async Task A_body_only_disabled_rules_care_about_gets_no_graph()
    {
        var (result, graphs) = await RunAsync(o => o.WithSpecificDiagnosticOptions(ImpersonationRules.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Suppress))));
        Assert.Empty(result.Ssx);
        Assert.Equal(0, graphs);
    }

    [Fact]
    public async Task Severity_none_in_editorconfig_for_the_tree_disables_the_check()
    {
        var (result, graphs) = await RunAsync(o => o.WithSyntaxTreeOptionsProvider(new PerTree(ImpersonationRules)));
        Assert.Empty(result.Ssx);
        Assert.Equal(0, graphs);
    }

    [Fact]
    public async Task Disabling_other_rules_keeps_the_enabled_one()
    {
        var others = new[] { "SSX003", "SSX005", "SSX008", "SSX009", "SSX010", "SSX011", "SSX014", "SSX016" };
        var (result, graphs) = await RunAsync(o => o.WithSyntaxTreeOptionsProvider(new PerTree(others)));
        Assert.Equal(new[] { "SSX004" }, result.Ssx.Select(d => d.Id));
        Assert.Equal(1, graphs);
    }

    /// <summary>What .editorconfig's <c>dotnet_diagnostic.ID.severity = none</c> gives the compiler for every tree.</summary>
    private sealed class PerTree(string[] suppressed) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Suppress;
            return suppressed.Contains(diagnosticId);
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }
    }
}
