using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Rules;
using SecureSockets.CodeFixes.Shared;

namespace SecureSockets.CodeFixes;

/// <summary>
/// SSX004 (security context impersonation not reverted on every path): (1) wrap the impersonated statements in
/// <c>try { … } finally { RevertSecurityContext(handle); }</c>, moving the existing straight-line revert into the
/// finally, or calling RevertSecurityContext from the class that declares the impersonate call with the same handle;
/// (2) when the status is tested right after the call and the handle is a <c>ref</c>/<c>in</c> variable of an
/// unmanaged struct, rewrite into <c>using (SecurityContextImpersonation.Begin(handle)) { … }</c> (the scope throws
/// on failure, so the check and the revert go).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SSX004ContextImpersonationNotRevertedCodeFix))]
[Shared]
public sealed class SSX004ContextImpersonationNotRevertedCodeFix : RuleCodeFix
{
    /// <summary>Creates the provider.</summary>
    public SSX004ContextImpersonationNotRevertedCodeFix()
        : base(
            Analyzers.Descriptors.Rules.SSX004,
            new FixKind("Revert in a finally block", "RevertInFinally", RevertInFinally),
        new FixKind("Use SecurityContextImpersonation scope", "UseSecurityContextImpersonation", UseScope))
    {
    }

    private static SyntaxNode? RevertInFinally(FixSite site, CancellationToken cancellationToken)
    {
        if (!TryGetImpersonation(site, cancellationToken, out var invocation, out var region))
        {
            return null;
        }

        StatementSyntax? revert = null;
        if (region.Revert is null)
        {
            var handle = site.Call.ArgumentList.Arguments.FirstOrDefault();
            var handleType = invocation.TargetMethod.Parameters.FirstOrDefault()?.Type;
            if (handle is null || handleType is null)
            {
                return null;
            }

            revert = RegionRewrites.RevertCall(site, invocation.TargetMethod, ApiKind.SspiRevert, m =>
            {
                if (m.Parameters.Length != 1 || !SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, handleType))
                {
                    return null;
                }

                var refKind = m.Parameters[0].RefKind switch
                {
                    RefKind.Ref => SyntaxFactory.Token(SyntaxKind.RefKeyword),
                    RefKind.Out => SyntaxFactory.Token(SyntaxKind.OutKeyword),
                    RefKind.In => handle.RefKindKeyword.IsKind(SyntaxKind.None) ? default : SyntaxFactory.Token(SyntaxKind.InKeyword),
                    _ => default,
                };
                if (m.Parameters[0].RefKind == RefKind.Out)
                {
                    return null;
                }

                var argument = SyntaxFactory.Argument(handle.Expression.WithoutTrivia());
                argument = refKind.IsKind(SyntaxKind.None) ? argument : argument.WithRefKindKeyword(refKind);
                return SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(argument));
            });
            if (revert is null)
            {
                return null;
            }
        }

        return region.WrapInTryFinally(site.Root, revert);
    }

    private static SyntaxNode? UseScope(FixSite site, CancellationToken cancellationToken)
    {
        if (site.Model.Compilation.GetTypeByMetadataName("SecureSockets.SecurityContextImpersonation") is not { } wrapper
            || !TryGetImpersonation(site, cancellationToken, out var invocation, out var region))
        {
            return null;
        }

        // The status is tested right after the call, and that test only leaves on failure: the scope throws instead.
        var group = region.Group;
        var tested = group.Shape == CallShape.InCondition || (group.Shape == CallShape.StoredInLocal && group.End > group.Start);
        if (!tested || !group.IsPureCheck)
        {
            return null;
        }

        if (RegionRewrites.ScopeBegin(site, wrapper, invocation, out var addUsing) is not { } begin)
        {
            return null;
        }

        var statements = region.Covered.ToList();
        statements[0] = statements[0].WithLeadingTrivia(Syntax.SplitBlankLines(statements[0].GetLeadingTrivia()).Tail);
        var scope = SyntaxFactory.UsingStatement(null, begin, SyntaxFactory.Block(statements))
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);

        var newRoot = region.ReplaceGroupAndRegion(site.Root, scope);
        return addUsing ? Imports.AddUsing(newRoot, "SecureSockets") : newRoot;
    }

    private static bool TryGetImpersonation(FixSite site, CancellationToken cancellationToken, out IInvocationOperation invocation, out ImpersonationRegion region)
    {
        invocation = null!;
        region = null!;
        if (site.Model.GetOperation(site.Call, cancellationToken) is not IInvocationOperation operation
            || site.Catalog.Classify(operation.TargetMethod).Kind != ApiKind.SspiImpersonate
            || CallGroup.Read(site, FixFacts.Group, cancellationToken) is not { } group
            || ImpersonationRegion.Read(site, group) is not { } found)
        {
            return false;
        }

        invocation = operation;
        region = found;
        return true;
    }
}
