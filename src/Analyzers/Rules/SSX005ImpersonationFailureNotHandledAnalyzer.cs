using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX005: impersonation failure not handled (docs/rules/SSX005.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX005ImpersonationFailureNotHandledAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX005ImpersonationFailureNotHandledAnalyzer()
        : base(Descriptors.Rules.SSX005)
    {
    }
}

/// <summary>
/// An impersonate status discarded, never tested, not tested before the work, or whose failure path rejoins the work
/// the success path runs impersonated (C-SSPI-5, C-ALL-2).
/// </summary>
internal sealed class SSX005ImpersonationFailureNotHandled : RuleCheck
{
    // Per impersonate call, the work its success path and its failure path reach.
    private readonly Dictionary<IOperation, (HashSet<IOperation> Success, HashSet<IOperation> Failure)> reached = new(OperationIdentity.Instance);

    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX005;

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => BeginsImpersonation;

    public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
    {
        // The status is dropped on the floor. A begin-helper's call is an impersonate event judged at the call:
        // its status too.
        if (e.Kind is ApiKind.PeerImpersonate or ApiKind.SspiImpersonate && ResultUse.HasStatus(e.Result) && ResultUse.IsDiscarded(e.Operation))
        {
            Report(e.Operation.Syntax, null, FixFacts.GroupOfCall, RuleText.CallName(e.Operation), "discarded");
        }
    }

    public override void OnWork(FlowEngine engine, PathState state, IOperation operation)
    {
        foreach (var r in state.Results)
        {
            if (r.Kind is not (ApiKind.PeerImpersonate or ApiKind.SspiImpersonate) || r.Escaped)
            {
                continue;
            }

            if (!r.Tested && state.Imp?.Begin == r.Call)
            {
                // Work between the call and the first test of its result ran unchecked.
                if (!ResultUse.IsDiscarded(r.Call))
                {
                    Report(r.Call.Syntax, operation, FixFacts.GroupOfCall, RuleText.CallName(r.Call), "not tested before the work that follows it");
                }

                continue;
            }

            if (!reached.TryGetValue(r.Call, out var sets))
            {
                sets = (new HashSet<IOperation>(OperationIdentity.Instance), new HashSet<IOperation>(OperationIdentity.Instance));
                reached[r.Call] = sets;
            }

            // The success region ends at the revert, the exit, or the loop's next turn (one finding, one report).
            if (r.Outcome == Outcome.Success && state.Imp is { Carried: false } imp && imp.Begin == r.Call)
            {
                sets.Success.Add(operation);
            }
            else if (r.Outcome == Outcome.Failure && !engine.InFinally)
            {
                sets.Failure.Add(operation);
            }
        }
    }

    public override void OnExit(FlowEngine engine, PathState state, bool exceptional)
    {
        if (exceptional)
        {
            return;
        }

        // A status never tested on a path that leaves the method (and not returned to the caller).
        foreach (var r in state.Results)
        {
            if (r.Kind is ApiKind.PeerImpersonate or ApiKind.SspiImpersonate && !r.Tested && !r.Escaped && !ResultUse.IsDiscarded(r.Call))
            {
                Report(r.Call.Syntax, null, FixFacts.GroupOfCall, RuleText.CallName(r.Call), "never tested");
            }
        }
    }

    public override void OnCompleted(FlowEngine engine)
    {
        // The failure path rejoins work the success path runs impersonated.
        foreach (var pair in reached)
        {
            var rejoined = pair.Value.Failure.FirstOrDefault(pair.Value.Success.Contains);
            if (rejoined is not null)
            {
                Report(pair.Key.Syntax, rejoined, FixFacts.GroupOfCall, RuleText.CallName(pair.Key), "tested, but its failure path goes on to the work meant to run impersonated");
            }
        }

        reached.Clear();
    }
}
