using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX011: Peer impersonation before the connection exists (docs/rules/SSX011.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX011PeerImpersonationBeforeConnectionAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX011PeerImpersonationBeforeConnectionAnalyzer()
        : base(Descriptors.Rules.SSX011)
    {
    }
}

/// <summary>
/// WSAImpersonateSocketPeer on a connection-oriented socket that on every path was never connected and is not an accepted
/// socket — typically the listening socket passed by mistake (C-IMP-3) — or on a connectionless socket with a null
/// PeerAddr (C-IMP-4, C-IMP-5). Connection-oriented and connectionless are known only from a constant type on every
/// creation; a socket that may have had events out of sight decides nothing.
/// </summary>
internal sealed class SSX011PeerImpersonationBeforeConnection : EveryStateCheck
{
    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX011;

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => BeginsImpersonation;

    public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
    {
        if (e.Kind != ApiKind.PeerImpersonate || e.Socket is not { } socket)
        {
            return;
        }

        var facts = state.SocketOf(socket);
        if (facts.EveryCreation(c => c.IsStream)
            && !facts.Has(SocketEvents.Connected | SocketEvents.Accepted)
            && !MayHaveUnseenEvents(engine, socket, facts))
        {
            Holds(e.Operation, e.Operation.Syntax, null, socket.Name, facts.Has(SocketEvents.Listening)
                ? "the listening socket, which has no peer; pass the socket accept returned"
                : "which is never connected or accepted before it; a connection-oriented socket has a peer only once connected");
        }
        else if (facts.EveryCreation(c => c.IsDatagram)
                 && e.Operation is IInvocationOperation invocation
                 && !e.FromHelper
                 && engine.Context.Catalog.Classify(invocation.TargetMethod) is var api
                 && api.Argument(invocation, ArgumentRole.PeerAddress) is { } peer
                 && Arguments.IsNullHandle(peer))
        {
            Holds(e.Operation, e.Operation.Syntax, null, socket.Name, "a connectionless socket, with a null PeerAddr; pass the address of the peer whose datagram was received");
        }
        else
        {
            Fails(e.Operation);
        }
    }
}
