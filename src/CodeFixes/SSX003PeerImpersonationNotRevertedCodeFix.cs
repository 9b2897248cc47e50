using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Rules;
using SecureSockets.CodeFixes.Shared;

namespace SecureSockets.CodeFixes;

/// <summary>
/// SSX003 (socket peer impersonation not reverted on every path): wrap the impersonated statements in
/// <c>try { … } finally { WSARevertImpersonation(); }</c>, moving the existing straight-line revert into the finally,
/// or calling WSARevertImpersonation from the class that declares the impersonate call. No wrapper rewrite: the
/// runtime's <c>SocketPeerImpersonation</c> takes only sockets it created, not a raw socket.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SSX003PeerImpersonationNotRevertedCodeFix))]
[Shared]
public sealed class SSX003PeerImpersonationNotRevertedCodeFix : RuleCodeFix
{
    /// <summary>Creates the provider.</summary>
    public SSX003PeerImpersonationNotRevertedCodeFix()
        : base(
            Analyzers.Descriptors.Rules.SSX003,
            new FixKind("Revert in a finally block", "RevertInFinally", RevertInFinally))
    {
    }

    private static SyntaxNode? RevertInFinally(FixSite site, CancellationToken cancellationToken)
    {
        if (site.Model.GetOperation(site.Call, cancellationToken) is not IInvocationOperation invocation
            || site.Catalog.Classify(invocation.TargetMethod).Kind != ApiKind.PeerImpersonate
            || CallGroup.Read(site, FixFacts.Group, cancellationToken) is not { } group
            || ImpersonationRegion.Read(site, group) is not { } region)
        {
            return null;
        }

        var revert = region.Revert is null
            ? RegionRewrites.RevertCall(site, invocation.TargetMethod, ApiKind.PeerRevert, m => m.Parameters.Length == 0 ? SyntaxFactory.ArgumentList() : null)
            : null;
        if (region.Revert is null && revert is null)
        {
            return null;
        }

        return region.WrapInTryFinally(site.Root, revert);
    }
}
