using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX010: Peer impersonation on an overlapped or non-blocking socket (docs/rules/SSX010.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX010PeerImpersonationOnOverlappedSocketAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX010PeerImpersonationOnOverlappedSocketAnalyzer()
        : base(Descriptors.Rules.SSX010)
    {
    }
}

/// <summary>
/// WSAImpersonateSocketPeer on a socket made non-blocking on some path before it, or with the overlapped attribute on
/// every path: created by socket(), by .NET, by WSASocket with WSA_FLAG_OVERLAPPED, or accepted from such a listener
/// (C-IMP-2). A socket whose creation is not seen on every path (a parameter, a wrapped handle) decides nothing.
/// </summary>
internal sealed class SSX010PeerImpersonationOnOverlappedSocket : EveryStateCheck
{
    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX010;

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => BeginsImpersonation;

    public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
    {
        if (e.Kind != ApiKind.PeerImpersonate || e.Socket is not { } socket)
        {
            return;
        }

        // Non-blocking on some path is reported as soon as one state shows it; overlapped must hold in every state.
        var facts = state.SocketOf(socket);
        if (facts.Has(SocketEvents.NonBlocking))
        {
            Report(e.Operation.Syntax, null, socket.Name, "is made non-blocking before it on some path");
        }

        if (facts.EveryCreation(c => c.Overlapped == true))
        {
            var first = facts.Creations.OrderBy(c => c.Site.Syntax.SpanStart).First();
            Holds(e.Operation, e.Operation.Syntax, first.Site, socket.Name, "has the overlapped attribute (" + RuleText.OverlappedBy(first) + ")");
        }
        else
        {
            Fails(e.Operation);
        }
    }
}
