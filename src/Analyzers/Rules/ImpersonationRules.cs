using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>
/// The impersonation family's checks: SSX003/SSX004 (not reverted on every path), SSX005 (failure not handled) and
/// SSX008 (thread switch while impersonating), run in the one flow pass per body (<see cref="BodyFlows"/>).
/// </summary>
internal sealed class ImpersonationRules : RuleFamily
{
    public override FlowObserver CreateObserver(DiagnosticSink sink) => new Observer(sink);

    /// <summary>Pre-filter: the body begins an impersonation (directly, through the wrapper, or through a helper).</summary>
    public override bool IsTrackedCall(CompilationAnalysis analysis, IOperation operation)
    {
        if (operation is not IInvocationOperation invocation)
        {
            return false;
        }

        var kind = analysis.Catalog.Classify(invocation.TargetMethod).Kind;
        if (kind is ApiKind.PeerImpersonate or ApiKind.SspiImpersonate or ApiKind.WrapperPeerScope or ApiKind.WrapperContextScope)
        {
            return true;
        }

        return kind == ApiKind.None
               && analysis.Summaries.Get(invocation.TargetMethod, Flow.Summaries.HelperSummaries.MaxDepth) is { } summary
               && (summary.Begins != ApiKind.None || summary.ReturnsOwner);
    }

    private sealed class Observer : FlowObserver
    {
        private readonly DiagnosticSink sink;

        // SSX005: per impersonate call, the work its success path and its failure path reach.
        private readonly Dictionary<IOperation, (HashSet<IOperation> Success, HashSet<IOperation> Failure)> reached = new(OperationIdentity.Instance);

        // SSX003/SSX004: exits reached while impersonating, per begin call (normal exits: was there work?).
        private readonly Dictionary<IOperation, (Impersonation Imp, bool Work, bool Exceptional)> unreverted = new(OperationIdentity.Instance);

        // Precision 2: begins under which work ran on some path; such a method is judged itself, not a begin-helper.
        private readonly HashSet<IOperation> workedUnder = new(OperationIdentity.Instance);

        public Observer(DiagnosticSink sink) => this.sink = sink;

        public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
        {
            // SSX005: the status of an impersonate call is dropped on the floor.
            // A begin-helper's call is an impersonate event judged at the call (Precision 2): its status too.
            if (e.Kind is ApiKind.PeerImpersonate or ApiKind.SspiImpersonate
                && ResultUse.HasStatus(e.Result) && ResultUse.IsDiscarded(e.Operation))
            {
                sink.Report(Descriptors.Rules.SSX005, e.Operation.Syntax, null, null, CallName(e.Operation), "discarded");
            }
        }

        public override void OnWork(FlowEngine engine, PathState state, IOperation operation)
        {
            if (state.Imp is { } active)
            {
                workedUnder.Add(active.Begin);
            }

            foreach (var r in state.Results)
            {
                if (r.Kind is not (ApiKind.PeerImpersonate or ApiKind.SspiImpersonate) || r.Escaped)
                {
                    continue;
                }

                if (!r.Tested && state.Imp?.Begin == r.Call)
                {
                    // Precision 10: work between the call and the first test of its result ran unchecked.
                    if (!ResultUse.IsDiscarded(r.Call))
                    {
                        sink.Report(Descriptors.Rules.SSX005, r.Call.Syntax, operation, null, CallName(r.Call), "not tested before the work that follows it");
                    }

                    continue;
                }

                if (!reached.TryGetValue(r.Call, out var sets))
                {
                    sets = (new HashSet<IOperation>(OperationIdentity.Instance), new HashSet<IOperation>(OperationIdentity.Instance));
                    reached[r.Call] = sets;
                }

                if (r.Outcome == Outcome.Success && state.Imp?.Begin == r.Call)
                {
                    sets.Success.Add(operation);
                }
                else if (r.Outcome == Outcome.Failure && !engine.InFinally)
                {
                    sets.Failure.Add(operation);
                }
            }
        }

        public override void OnSuspension(FlowEngine engine, PathState state, IOperation operation, SyntaxNode reportAt)
        {
            // SSX008 (C-ALL-1): any impersonation, owned by a scope or not, is on while the thread may switch.
            if (state.Imp is not { Kind: not ApiKind.None })
            {
                return;
            }

            var (span, text) = SuspensionSpan(reportAt);
            sink.Report(Descriptors.Rules.SSX008, reportAt.SyntaxTree, span, state.Imp.Begin, text);
        }

        public override void OnExit(FlowEngine engine, PathState state, bool exceptional)
        {
            if (state.Imp is { IsOwned: false, Kind: ApiKind.PeerImpersonate or ApiKind.SspiImpersonate or ApiKind.WrapperPeerScope or ApiKind.WrapperContextScope } imp)
            {
                unreverted.TryGetValue(imp.Begin, out var known);
                unreverted[imp.Begin] = (imp, known.Work || (!exceptional && imp.WorkSince), known.Exceptional || exceptional);
            }

            if (exceptional)
            {
                return;
            }

            // SSX005: a status never tested on a path that leaves the method (and not returned to the caller).
            foreach (var r in state.Results)
            {
                if (r.Kind is ApiKind.PeerImpersonate or ApiKind.SspiImpersonate && !r.Tested && !r.Escaped && !ResultUse.IsDiscarded(r.Call))
                {
                    sink.Report(Descriptors.Rules.SSX005, r.Call.Syntax, null, null, CallName(r.Call), "never tested");
                }
            }
        }

        public override void OnCompleted(FlowEngine engine)
        {
            foreach (var pair in unreverted)
            {
                var (imp, work, exceptional) = pair.Value;

                // Precision 2: a begin-helper only returns after success; its callers are judged instead.
                if (!work && !exceptional && !workedUnder.Contains(imp.Begin))
                {
                    continue;
                }

                var descriptor = imp.Kind is ApiKind.PeerImpersonate or ApiKind.WrapperPeerScope ? Descriptors.Rules.SSX003 : Descriptors.Rules.SSX004;
                var how = (exceptional, imp.IsScope) switch
                {
                    (true, true) => "an exception from the work skips the scope's Dispose",
                    (true, false) => "an exception from the work skips the revert",
                    (false, true) => "the scope is not disposed on a return or at the end of the method",
                    _ => "a return or the end of the method",
                };
                // The method's name is for the message only: looked up when reporting (binder work), not at every exit.
                var method = FlowName(engine.Graph.OriginalOperation.SemanticModel?.GetEnclosingSymbol(imp.Begin.Syntax.SpanStart));
                sink.Report(descriptor, imp.Begin.Syntax, null, null, method, how);
            }

            unreverted.Clear();
            workedUnder.Clear();

            // SSX005: the failure path rejoins work the success path runs impersonated.
            foreach (var pair in reached)
            {
                var rejoined = pair.Value.Failure.FirstOrDefault(pair.Value.Success.Contains);
                if (rejoined is not null)
                {
                    sink.Report(Descriptors.Rules.SSX005, pair.Key.Syntax, rejoined, null, CallName(pair.Key), "tested, but its failure path goes on to the work meant to run impersonated");
                }
            }

            reached.Clear();
        }

        /// <summary>The flow's name for a message: a method's or local function's name; a lambda has none of its own.</summary>
        private static string FlowName(ISymbol? symbol) => symbol switch
        {
            null => "the method",
            IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda => "lambda in " + FlowName(lambda.ContainingSymbol),
            _ => symbol.Name,
        };

        private static string CallName(IOperation call)
            => call is IInvocationOperation invocation ? invocation.TargetMethod.Name : call.Syntax.ToString();

        /// <summary>Precision 17: the await keyword; for await using/foreach the statement's first token; or "yield return".</summary>
        private static (TextSpan Span, string Text) SuspensionSpan(SyntaxNode syntax)
        {
            switch (syntax)
            {
                case AwaitExpressionSyntax awaitExpression:
                    return (awaitExpression.AwaitKeyword.Span, "await");
                case YieldStatementSyntax yieldStatement:
                    return (TextSpan.FromBounds(yieldStatement.YieldKeyword.SpanStart, yieldStatement.ReturnOrBreakKeyword.Span.End), "yield return");
                default:
                    // await using / await foreach: the lowered await's syntax is the resource or the collection;
                    // the keyword belongs to the enclosing statement.
                    foreach (var node in syntax.AncestorsAndSelf())
                    {
                        var keyword = node switch
                        {
                            UsingStatementSyntax u => u.AwaitKeyword,
                            LocalDeclarationStatementSyntax l => l.AwaitKeyword,
                            CommonForEachStatementSyntax f => f.AwaitKeyword,
                            _ => default,
                        };
                        if (keyword.IsKind(SyntaxKind.AwaitKeyword))
                        {
                            return (keyword.Span, "await");
                        }

                        if (node is StatementSyntax)
                        {
                            break;
                        }
                    }

                    return (syntax.GetFirstToken().Span, "await");
            }
        }
    }
}
