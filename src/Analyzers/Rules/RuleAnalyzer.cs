using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureSockets.Analyzers.Flow;

namespace SecureSockets.Analyzers.Rules;

/// <summary>
/// One rule = one analyzer, each reporting its own id from the one flow pass per file that all rule checks
/// share (<see cref="BodyFlows"/>): the first rule to reach a file computes it, the others read it. Initialize has the
/// usual shape: inactive where the compilation references none of the APIs, concurrent, generated code not reported.
/// One analyzer per rule is also what tools that pair an analyzer with a code fix (dotnet format) expect.
/// </summary>
public abstract class RuleAnalyzer : DiagnosticAnalyzer
{
    private readonly DiagnosticDescriptor descriptor;

    private protected RuleAnalyzer(DiagnosticDescriptor descriptor)
    {
        this.descriptor = descriptor;
        SupportedDiagnostics = ImmutableArray.Create(descriptor);
    }

    /// <inheritdoc/>
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (CompilationAnalysis.For(start.Compilation) is not { } analysis)
            {
                return;
            }

            // One callback per file, not per body: a file the name index did not read costs a lookup, and the driver
            // builds no operation tree for bodies nobody asked about.
            start.RegisterSemanticModelAction(file =>
            {
                foreach (var diagnostic in BodyFlows.For(analysis).DiagnosticsOf(file))
                {
                    if (diagnostic.Id == descriptor.Id)
                    {
                        file.ReportDiagnostic(diagnostic);
                    }
                }
            });
        });
    }
}
