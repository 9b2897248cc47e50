using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX007: secure socket call's failure not handled (docs/rules/SSX007.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX007SecureCallFailureNotHandledAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX007SecureCallFailureNotHandledAnalyzer()
        : base(Descriptors.Rules.SSX007)
    {
    }
}

/// <summary>
/// A secure or target-name status discarded, never tested, or whose untested or failure path goes on to bind, connect
/// or send on the same socket (C-ALL-2).
/// </summary>
internal sealed class SSX007SecureCallFailureNotHandled : RuleCheck
{
    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX007;

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => SecuresOrNames;

    public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
    {
        if (e.Kind is ApiKind.Secure or ApiKind.TargetName && !e.FromHelper && ResultUse.HasStatus(e.Result) && ResultUse.IsDiscarded(e.Operation))
        {
            // The only failure report is dropped.
            Report(e.Operation.Syntax, null, FixFacts.GroupOfCall, RuleText.CallName(e.Operation), e.Socket?.Name ?? "?", "discarded");
        }

        if (e.Socket is { } socket && e.Kind is ApiKind.Bind or ApiKind.Listen or ApiKind.BindAndListen or ApiKind.Connect or ApiKind.SendTo)
        {
            UsedBeforeChecked(state, e, socket);
        }
    }

    /// <summary>The socket is bound, connected or sent on before the secure call's result is tested, or on its failure path.</summary>
    private void UsedBeforeChecked(PathState state, in ApiEvent e, ISymbol socket)
    {
        var canonical = state.Canonical(socket);
        foreach (var r in state.Results)
        {
            if (r.Kind is not (ApiKind.Secure or ApiKind.TargetName) || r.Escaped || r.Socket is null
                || !SymbolEqualityComparer.Default.Equals(state.Canonical(r.Socket), canonical) || ResultUse.IsDiscarded(r.Call))
            {
                continue;
            }

            if (!r.Tested)
            {
                Report(r.Call.Syntax, e.Operation, FixFacts.GroupOfCall, RuleText.CallName(r.Call), socket.Name, "not tested before the socket is " + RuleText.Verb(e.Kind));
            }
            else if (r.Outcome == Outcome.Failure)
            {
                Report(r.Call.Syntax, e.Operation, FixFacts.GroupOfCall, RuleText.CallName(r.Call), socket.Name, "tested, but its failure path goes on until the socket is " + RuleText.Verb(e.Kind));
            }
        }
    }

    public override void OnExit(FlowEngine engine, PathState state, bool exceptional)
    {
        // A status is "never tested" only on a path that leaves normally (an exception leaves before any test).
        if (exceptional)
        {
            return;
        }

        foreach (var r in state.Results)
        {
            if (r.Kind is ApiKind.Secure or ApiKind.TargetName && !r.Tested && !r.Escaped && !ResultUse.IsDiscarded(r.Call))
            {
                Report(r.Call.Syntax, null, FixFacts.GroupOfCall, RuleText.CallName(r.Call), r.Socket?.Name ?? "?", "never tested");
            }
        }
    }
}
