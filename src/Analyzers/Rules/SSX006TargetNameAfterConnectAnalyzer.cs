using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX006: WSASetSocketPeerTargetName on a connected socket (docs/rules/SSX006.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX006TargetNameAfterConnectAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX006TargetNameAfterConnectAnalyzer()
        : base(Descriptors.Rules.SSX006)
    {
    }
}

/// <summary>
/// A target-name event on a socket connected or accepted on some path (C-TGT-2); on a connectionless socket, after a
/// send-to to the same address (C-TGT-3).
/// </summary>
internal sealed class SSX006TargetNameAfterConnect : RuleCheck
{
    private const string SentToThatPeer = "used by a send-to to that peer";

    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX006;

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => SecuresOrNames;

    public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
    {
        if (e.Kind != ApiKind.TargetName || e.Socket is not { } socket)
        {
            return;
        }

        var facts = state.SocketOf(socket);
        if (facts.Has(SocketEvents.TooLateToName))
        {
            Report(e.Operation.Syntax, facts.ConnectedWitness, FixFacts.GroupOfCall, socket.Name, RuleText.Describe(facts.Events & SocketEvents.TooLateToName));
            return;
        }

        if (facts.Has(SocketEvents.SentTo) && e.Address is { } nameStructure)
        {
            foreach (var peer in PeerAddresses.Of(engine.Graph, engine.Captures, nameStructure))
            {
                if (facts.SentToAddresses.Contains(peer))
                {
                    Report(e.Operation.Syntax, facts.TooLateWitness, FixFacts.GroupOfCall, socket.Name, SentToThatPeer);
                    return;
                }
            }

            if (facts.SentToAddresses.Contains(nameStructure))
            {
                Report(e.Operation.Syntax, facts.TooLateWitness, FixFacts.GroupOfCall, socket.Name, SentToThatPeer);
            }
        }
    }
}
