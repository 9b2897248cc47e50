using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;

namespace SecureSockets.Analyzers.Rules;

/// <summary>
/// A rule family built on one flow pass per body (STYLE.md: Initialize, always the same shape): inactive in a
/// compilation that references none of the APIs, one shared <see cref="CompilationAnalysis"/> per compilation,
/// a pre-filter before any control-flow graph, generated code not reported.
/// </summary>
public abstract class FlowRuleAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Route exceptions out of the method (the impersonation rules judge exceptional exits).</summary>
    private protected abstract bool TrackExceptionalExits { get; }

    /// <summary>The pre-filter: a call that makes a body worth a control-flow graph for this family.</summary>
    private protected abstract bool IsTrackedCall(CompilationAnalysis analysis, IOperation operation);

    private protected abstract FlowObserver CreateObserver(DiagnosticSink sink);

    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (ApiCatalog.TryCreate(start.Compilation) is not { } catalog)
            {
                return;
            }

            var analysis = CompilationAnalysis.For(catalog);
            start.RegisterOperationBlockAction(block => FlowDriver.Analyze(
                block,
                analysis,
                operation => IsTrackedCall(analysis, operation),
                CreateObserver,
                TrackExceptionalExits));
        });
    }
}
