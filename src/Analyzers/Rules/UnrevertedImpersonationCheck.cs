using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;

namespace SecureSockets.Analyzers.Rules;

/// <summary>
/// What the two revert rules (peer impersonation, C-IMP-1; security context impersonation, C-SSPI-3) share: an
/// impersonation of the check's kind, begun in this flow and not owned by an object whose Dispose reverts, is still on
/// at an exit — a return, the end, or an exception from the work. A begin-helper, which only returns
/// after success, is not judged: its callers are.
/// </summary>
internal abstract class UnrevertedImpersonationCheck : RuleCheck
{
    // Exits reached while impersonating, per begin call (normal exits: was there work?).
    private readonly Dictionary<IOperation, (Impersonation Imp, bool Work, bool Exceptional)> unreverted = new(OperationIdentity.Instance);

    // Begins under which work ran on some path: such a method is judged itself, not a begin-helper.
    private readonly HashSet<IOperation> workedUnder = new(OperationIdentity.Instance);

    /// <summary>Is this impersonation (an API call's or a wrapper scope's kind) the one this rule is about?</summary>
    protected abstract bool IsOfKind(ApiKind kind);

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => BeginsImpersonation;

    public override void OnWork(FlowEngine engine, PathState state, IOperation operation)
    {
        if (state.Imp is { } active && IsOfKind(active.Kind))
        {
            workedUnder.Add(active.Begin);
        }
    }

    public override void OnExit(FlowEngine engine, PathState state, bool exceptional)
    {
        if (state.Imp is { IsOwned: false } imp && IsOfKind(imp.Kind))
        {
            unreverted.TryGetValue(imp.Begin, out var known);
            unreverted[imp.Begin] = (imp, known.Work || (!exceptional && imp.WorkSince), known.Exceptional || exceptional);
        }
    }

    public override void OnCompleted(FlowEngine engine)
    {
        foreach (var pair in unreverted)
        {
            var (imp, work, exceptional) = pair.Value;
            if (!work && !exceptional && !workedUnder.Contains(imp.Begin))
            {
                continue;
            }

            var how = (exceptional, imp.IsScope) switch
            {
                (true, true) => "an exception from the work skips the scope's Dispose",
                (true, false) => "an exception from the work skips the revert",
                (false, true) => "the scope is not disposed on a return or at the end of the method",
                _ => "a return or the end of the method",
            };

            // The method's name is for the message only: looked up when reporting (binder work), not at every exit.
            var method = RuleText.FlowName(engine.Graph.OriginalOperation.SemanticModel?.GetEnclosingSymbol(imp.Begin.Syntax.SpanStart));
            Report(imp.Begin.Syntax, null, FixFacts.GroupAndRegionOfCall(engine.RevertCalls), method, how);
        }

        unreverted.Clear();
        workedUnder.Clear();
    }
}
