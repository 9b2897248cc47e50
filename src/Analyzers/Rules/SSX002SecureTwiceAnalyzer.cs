using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX002: WSASetSocketSecurity called more than once on a socket (docs/rules/SSX002.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX002SecureTwiceAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX002SecureTwiceAnalyzer()
        : base(Descriptors.Rules.SSX002)
    {
    }
}

/// <summary>A second secure event on a socket on some path (C-SEC-4); a retry after the first one failed is not a repeat.</summary>
internal sealed class SSX002SecureTwice : RuleCheck
{
    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX002;

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => SecuresOrNames;

    public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
    {
        if (e.Kind == ApiKind.Secure && e.Socket is { } socket && state.SocketOf(socket) is var facts && facts.Has(SocketEvents.Secured))
        {
            Report(e.Operation.Syntax, facts.SecuredWitness, FixFacts.GroupOfCall, socket.Name);
        }
    }
}
