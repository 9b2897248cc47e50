using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX009: Secure socket API on an unsupported socket kind (docs/rules/SSX009.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX009UnsupportedSocketKindAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX009UnsupportedSocketKindAnalyzer()
        : base(Descriptors.Rules.SSX009)
    {
    }
}

/// <summary>
/// A secure, target-name or peer-impersonation event on a socket created, on every path, with a constant family other than
/// AF_INET/AF_INET6 or a constant type other than SOCK_STREAM/SOCK_DGRAM (C-SEC-5, C-TGT-6, C-IMP-7). Different
/// unsupported values on different paths are the same verdict; one supported or unknown creation decides nothing.
/// </summary>
internal sealed class SSX009UnsupportedSocketKind : EveryStateCheck
{
    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX009;

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => SecuresNamesOrImpersonates;

    public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
    {
        if (e.Kind is not (ApiKind.Secure or ApiKind.TargetName or ApiKind.PeerImpersonate) || e.Socket is not { } socket)
        {
            return;
        }

        var facts = state.SocketOf(socket);
        if (!facts.EveryCreation(c => c.HasUnsupportedFamily || c.HasUnsupportedType))
        {
            Fails(e.Operation);
            return;
        }

        var creations = facts.Creations.OrderBy(c => c.Site.Syntax.SpanStart).ToList();
        var kinds = string.Join(" or ", creations.Select(RuleText.SocketKind).Distinct());
        Holds(e.Operation, e.Operation.Syntax, creations[0].Site, RuleText.CallName(e.Operation), socket.Name, kinds);
    }
}
