using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Model;
using SecureSockets.Analyzers.Rules;

namespace SecureSockets.CodeFixes.Shared;

/// <summary>The revert fixes' rewrites of an <see cref="ImpersonationRegion"/> the analyzer described.</summary>
internal static class RegionRewrites
{
    /// <summary>
    /// Wraps the region in <c>try { … } finally { revert }</c>: the existing revert moves into the finally, or
    /// <paramref name="generatedRevert"/> is written there.
    /// </summary>
    public static SyntaxNode WrapInTryFinally(this ImpersonationRegion region, SyntaxNode root, StatementSyntax? generatedRevert)
    {
        var covered = region.Covered.ToList();
        var (blank, rest) = Syntax.SplitBlankLines(covered[0].GetLeadingTrivia());
        covered[0] = covered[0].WithLeadingTrivia(rest);
        var revert = region.Revert is { } existing
            ? existing.WithLeadingTrivia(Syntax.SplitBlankLines(existing.GetLeadingTrivia()).Tail)
            : generatedRevert!;

        var tryStatement = SyntaxFactory.TryStatement(
                SyntaxFactory.Block(covered),
                default,
                SyntaxFactory.FinallyClause(SyntaxFactory.Block(revert)))
            .WithLeadingTrivia(blank.AddRange(Syntax.Indentation(region.Statements[0])))
            .WithAdditionalAnnotations(Formatter.Annotation);

        return Replace(region, root, tryStatement);
    }

    /// <summary>Replaces the call's group, the region and the revert by <paramref name="statement"/>.</summary>
    public static SyntaxNode ReplaceGroupAndRegion(this ImpersonationRegion region, SyntaxNode root, StatementSyntax statement)
    {
        var statements = region.Group.List.Statements.ToList();
        var end = region.End;
        var first = statements[region.Group.Start];
        var replaced = statement.WithLeadingTrivia(Syntax.SplitBlankLines(first.GetLeadingTrivia()).Blank.AddRange(Syntax.Indentation(first)));
        statements.RemoveRange(region.Group.Start, end - region.Group.Start + 1);
        statements.Insert(region.Group.Start, replaced);
        return root.ReplaceNode(region.Group.List.Owner, StatementList.WithStatements(region.Group.List.Owner, statements));
    }

    private static SyntaxNode Replace(ImpersonationRegion region, SyntaxNode root, StatementSyntax statement)
    {
        var statements = region.Group.List.Statements.ToList();
        var end = region.End;
        statements.RemoveRange(region.First, end - region.First + 1);
        statements.Insert(region.First, statement);
        return root.ReplaceNode(region.Group.List.Owner, StatementList.WithStatements(region.Group.List.Owner, statements));
    }

    /// <summary>
    /// <c>SecurityContextImpersonation.Begin(handle)</c> for an ImpersonateSecurityContext call whose handle is a
    /// <c>ref</c>/<c>in</c> variable of an unmanaged struct (the scope copies two pointer-sized fields); null otherwise.
    /// </summary>
    public static InvocationExpressionSyntax? ScopeBegin(FixSite site, INamedTypeSymbol wrapper, IInvocationOperation impersonate, out bool addUsing)
    {
        addUsing = false;
        var parameter = impersonate.TargetMethod.Parameters.FirstOrDefault();
        var argument = impersonate.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
        if (parameter is null || parameter.RefKind is not (RefKind.Ref or RefKind.In)
            || argument?.Value is not (ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation)
            || argument.Value.Type is not { IsValueType: true, IsUnmanagedType: true }
            || argument.Value.Syntax is not ExpressionSyntax handle)
        {
            return null;
        }

        var typeName = Imports.TypeName(site.Model, site.Call.SpanStart, wrapper, out addUsing);
        return SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, typeName, SyntaxFactory.IdentifierName("Begin")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(handle.WithoutTrivia()))));
    }

    /// <summary>
    /// <c>Binding.Revert(args)</c> from the class that declares the impersonate method: the method of
    /// <paramref name="kind"/> for which <paramref name="arguments"/> can write an argument list. Null when the class has none.
    /// </summary>
    public static StatementSyntax? RevertCall(FixSite site, IMethodSymbol impersonate, ApiKind kind, System.Func<IMethodSymbol, ArgumentListSyntax?> arguments)
    {
        foreach (var member in impersonate.ContainingType.GetMembers().OfType<IMethodSymbol>())
        {
            if (!member.IsStatic || site.Catalog.Classify(member).Kind != kind
                || !site.Model.IsAccessible(site.Call.SpanStart, member) || arguments(member) is not { } argumentList)
            {
                continue;
            }

            var call = SyntaxFactory.InvocationExpression(SyntaxFactory.ParseExpression(Names.Member(site.Model, site.Call.SpanStart, member)), argumentList);
            return SyntaxFactory.ExpressionStatement(call).WithAdditionalAnnotations(Formatter.Annotation);
        }

        return null;
    }
}
