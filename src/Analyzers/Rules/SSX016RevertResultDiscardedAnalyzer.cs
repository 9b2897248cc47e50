using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX016: Revert failure not handled (docs/rules/SSX016.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX016RevertResultDiscardedAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX016RevertResultDiscardedAnalyzer()
        : base(Descriptors.Rules.SSX016)
    {
    }
}

/// <summary>
/// A revert whose status nobody reads: an expression statement, a discard, or a local never read (C-SSPI-3, C-ALL-2). A
/// helper of this compilation that returns its revert's status is judged where its caller drops it.
/// </summary>
internal sealed class SSX016RevertResultDiscarded : RuleCheck
{
    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX016;

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => Reverts;

    public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
    {
        if (ApiKinds.Reverts(e.Kind)
            && ResultUse.HasStatus(e.Result)
            && (ResultUse.IsDiscarded(e.Operation) || ResultUse.IsStoredAndNeverRead(e.Operation, engine.Graph.OriginalOperation)))
        {
            // The fix reads the revert's group, and the group of the impersonate call it ends: the scope rewrite reads
            // that one, and only where the revert is the whole finally of a try without catches (no other revert needs it).
            var begin = StatementShapes.TryWhoseFinallyIsOnly(e.Operation.Syntax) is not null ? state.Imp?.Begin.Syntax : null;
            Report(e.Operation.Syntax, null, (properties, at, context) =>
            {
                FixFacts.WriteGroup(properties, FixFacts.Group, at, context);
                if (begin is not null)
                {
                    FixFacts.WriteGroup(properties, FixFacts.BeginGroup, begin, context);
                }
            }, RuleText.CallName(e.Operation));
        }
    }
}
