using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureSockets.Analyzers.Tests.Infrastructure;

/// <summary>
/// The analyzer driver analyzes a copy of the compilation it is given: run beside the rules, this remembers the one they
/// saw, so a test can read what the analysis kept for it (graphs built, summaries computed).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CompilationProbe : DiagnosticAnalyzer
{
    public Compilation? Seen { get; private set; }

    // An analyzer that supports no enabled diagnostic is not run at all.
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        new DiagnosticDescriptor("PROBE01", "probe", "probe", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true));

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(c => Seen = c.Compilation);
    }
}
