using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Descriptors;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>
/// The socket-order family's checks: SSX001 (secure after bind/connect), SSX002 (secure twice), SSX006 (target name
/// after connect), SSX007 (secure call's failure not handled). They run in the one flow pass per body that serves all
/// rules (<see cref="BodyFlows"/>); each rule's check is its own method below.
/// </summary>
internal sealed class SocketOrderRules : RuleFamily
{
    public override FlowObserver CreateObserver(DiagnosticSink sink) => new Observer(sink);

    /// <summary>Pre-filter: the body secures or names a socket (directly or through a summarized helper).</summary>
    public override bool IsTrackedCall(CompilationAnalysis analysis, IOperation operation)
    {
        if (operation is not IInvocationOperation invocation)
        {
            return false;
        }

        var api = analysis.Catalog.Classify(invocation.TargetMethod);
        if (api.Kind is ApiKind.Secure or ApiKind.TargetName or ApiKind.Ioctl)
        {
            return true;
        }

        return api.Kind == ApiKind.None
               && analysis.Summaries.Get(invocation.TargetMethod, Flow.Summaries.HelperSummaries.MaxDepth) is { } summary
               && summary.Sockets.Any(p => (p.May & (SocketEvents.Secured | SocketEvents.Named)) != 0);
    }

    private sealed class Observer : FlowObserver
    {
        private readonly DiagnosticSink sink;

        public Observer(DiagnosticSink sink) => this.sink = sink;

        public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
        {
            if (e.Kind is ApiKind.Secure or ApiKind.TargetName && !e.FromHelper && ResultUse.HasStatus(e.Result) && ResultUse.IsDiscarded(e.Operation))
            {
                // SSX007 (C-ALL-2): the only failure report is dropped.
                sink.Report(Descriptors.Rules.SSX007, e.Operation.Syntax, null, null, CallName(e.Operation), e.Socket?.Name ?? "?", "discarded");
            }

            if (e.Socket is not { } socket)
            {
                return;
            }

            if (e.Kind is ApiKind.Bind or ApiKind.Listen or ApiKind.BindAndListen or ApiKind.Connect or ApiKind.SendTo)
            {
                CheckUsedBeforeSecureChecked(state, e, socket);
            }

            var facts = state.SocketOf(socket);
            if (e.Kind == ApiKind.Secure)
            {
                CheckSecureAfterConnect(e, socket, facts);
                CheckSecureTwice(e, socket, facts);
            }
            else if (e.Kind == ApiKind.TargetName)
            {
                CheckTargetNameAfterConnect(engine, e, socket, facts);
            }
        }

        // SSX001 (C-SEC-1, 2, 3, 6): secured after bind, listen, connect, accept or send-to on some path.
        private void CheckSecureAfterConnect(in ApiEvent e, ISymbol socket, SocketFacts facts)
        {
            if (facts.Has(SocketEvents.TooLateToSecure))
            {
                sink.Report(Descriptors.Rules.SSX001, e.Operation.Syntax, facts.TooLateWitness, null, socket.Name, Describe(facts.Events));
            }
        }

        // SSX002 (C-SEC-4): a second secure on some path; a retry after the first one failed is not a repeat (Precision 16).
        private void CheckSecureTwice(in ApiEvent e, ISymbol socket, SocketFacts facts)
        {
            if (facts.Has(SocketEvents.Secured))
            {
                sink.Report(Descriptors.Rules.SSX002, e.Operation.Syntax, facts.SecuredWitness, null, socket.Name);
            }
        }

        // SSX006 (C-TGT-2, 3): named after connect/accept; connectionless: after a send-to to the same address (Precision 15).
        private void CheckTargetNameAfterConnect(FlowEngine engine, in ApiEvent e, ISymbol socket, SocketFacts facts)
        {
            if (facts.Has(SocketEvents.TooLateToName))
            {
                sink.Report(Descriptors.Rules.SSX006, e.Operation.Syntax, facts.ConnectedWitness, null, socket.Name, Describe(facts.Events & SocketEvents.TooLateToName));
                return;
            }

            if (facts.Has(SocketEvents.SentTo) && e.Address is { } nameStructure)
            {
                foreach (var peer in PeerAddresses.Of(engine, nameStructure))
                {
                    if (facts.SentToAddresses.Contains(peer))
                    {
                        sink.Report(Descriptors.Rules.SSX006, e.Operation.Syntax, facts.TooLateWitness, null, socket.Name, "used by a send-to to that peer");
                        return;
                    }
                }

                if (facts.SentToAddresses.Contains(nameStructure))
                {
                    sink.Report(Descriptors.Rules.SSX006, e.Operation.Syntax, facts.TooLateWitness, null, socket.Name, "used by a send-to to that peer");
                }
            }
        }

        // SSX007 (C-ALL-2): the socket is bound, connected or sent on before the secure call's result is tested, or on its failure path.
        private void CheckUsedBeforeSecureChecked(PathState state, in ApiEvent e, ISymbol socket)
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
                    sink.Report(Descriptors.Rules.SSX007, r.Call.Syntax, e.Operation, null, CallName(r.Call), socket.Name, "not tested before the socket is " + Verb(e.Kind));
                }
                else if (r.Outcome == Outcome.Failure)
                {
                    sink.Report(Descriptors.Rules.SSX007, r.Call.Syntax, e.Operation, null, CallName(r.Call), socket.Name, "tested, but its failure path goes on until the socket is " + Verb(e.Kind));
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
                    sink.Report(Descriptors.Rules.SSX007, r.Call.Syntax, null, null, CallName(r.Call), r.Socket?.Name ?? "?", "never tested");
                }
            }
        }

        private static string Verb(ApiKind kind) => kind switch
        {
            ApiKind.Bind => "bound",
            ApiKind.Listen or ApiKind.BindAndListen => "listening",
            ApiKind.SendTo => "used to send",
            _ => "connected",
        };

        private static string CallName(IOperation call)
            => call is IInvocationOperation invocation ? invocation.TargetMethod.Name : call.Syntax.ToString();

        private static string Describe(SocketEvents events)
        {
            if ((events & SocketEvents.Connected) != 0)
            {
                return "connected";
            }

            if ((events & SocketEvents.Accepted) != 0)
            {
                return "accepted (created connected)";
            }

            if ((events & SocketEvents.Listening) != 0)
            {
                return "listening";
            }

            if ((events & SocketEvents.Bound) != 0)
            {
                return "bound";
            }

            return "used by a send-to (which binds it)";
        }
    }
}
