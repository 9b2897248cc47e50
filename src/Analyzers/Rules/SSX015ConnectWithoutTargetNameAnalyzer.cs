using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX015: Secured client connects without a peer target name (docs/rules/SSX015.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX015ConnectWithoutTargetNameAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX015ConnectWithoutTargetNameAnalyzer()
        : base(Descriptors.Rules.SSX015)
    {
    }
}

/// <summary>
/// A connect on a connection-oriented socket that was secured on every path and never given a peer target name before it
/// (C-TGT-1). Connectionless sockets are out of scope (a connect only sets their default peer); so is a socket whose
/// creation is not seen or that may have been named out of sight.
/// </summary>
internal sealed class SSX015ConnectWithoutTargetName : EveryStateCheck
{
    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX015;

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => SecuresOrNames;

    public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
    {
        if (e.Kind != ApiKind.Connect || e.Socket is not { } socket)
        {
            return;
        }

        var facts = state.SocketOf(socket);
        if (facts.HasOnEveryPath(SocketEvents.Secured)
            && !facts.Has(SocketEvents.Named | SocketEvents.Connected | SocketEvents.Accepted)
            && facts.EveryCreation(c => c.IsStream)
            && !MayHaveUnseenEvents(engine, socket, facts))
        {
            Holds(e.Operation, e.Operation.Syntax, facts.SecuredWitness, socket.Name);
        }
        else
        {
            Fails(e.Operation);
        }
    }
}
