using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX001: WSASetSocketSecurity after bind or connect (docs/rules/SSX001.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX001SecureAfterConnectAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX001SecureAfterConnectAnalyzer()
        : base(Descriptors.Rules.SSX001)
    {
    }
}

/// <summary>A secure event on a socket that, on some path, was already bound, listening, connected, accepted or used by a send-to (C-SEC-1, 2, 3, 6).</summary>
internal sealed class SSX001SecureAfterConnect : RuleCheck
{
    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX001;

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => SecuresOrNames;

    public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
    {
        if (e.Kind == ApiKind.Secure && e.Socket is { } socket && state.SocketOf(socket) is var facts && facts.Has(SocketEvents.TooLateToSecure))
        {
            Report(e.Operation.Syntax, facts.TooLateWitness, FixFacts.GroupOfCall, socket.Name, RuleText.Describe(facts.Events));
        }
    }
}
