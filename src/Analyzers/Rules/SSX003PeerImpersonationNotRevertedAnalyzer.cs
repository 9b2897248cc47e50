using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX003: socket peer impersonation not reverted on every path (docs/rules/SSX003.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX003PeerImpersonationNotRevertedAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX003PeerImpersonationNotRevertedAnalyzer()
        : base(Descriptors.Rules.SSX003)
    {
    }
}

/// <summary>WSAImpersonateSocketPeer (or the wrapper's peer scope) not reverted on every path (C-IMP-1).</summary>
internal sealed class SSX003PeerImpersonationNotReverted : UnrevertedImpersonationCheck
{
    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX003;

    protected override bool IsOfKind(ApiKind kind) => kind is ApiKind.PeerImpersonate or ApiKind.WrapperPeerScope;
}
