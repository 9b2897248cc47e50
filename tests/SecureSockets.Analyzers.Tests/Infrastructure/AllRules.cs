using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureSockets.Analyzers.Tests.Infrastructure;

/// <summary>
/// Every shipped rule analyzer behind one analyzer, for verifiers that take one analyzer type: the rules share one flow
/// pass per body, as in a user's build; the verifiers switch off every id but the rule under test.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AllRules : DiagnosticAnalyzer
{
    private readonly ImmutableArray<DiagnosticAnalyzer> rules = AnalyzerRunner.AllAnalyzers;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics
        => rules.SelectMany(r => r.SupportedDiagnostics).ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        foreach (var rule in rules)
        {
            rule.Initialize(context);
        }
    }
}
