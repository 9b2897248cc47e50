using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Model;
using SecureSockets.Analyzers.Rules;
using SecureSockets.CodeFixes.Shared;

namespace SecureSockets.CodeFixes;

/// <summary>
/// SSX016 (revert failure not handled): (1) fail fast when the revert fails, as .NET's
/// <c>WindowsIdentity.RunImpersonated</c> does: <c>if (&lt;failure&gt;) { Environment.FailFast("…"); }</c> in the
/// binding's own success convention (<c>!= 0</c>, <c>!ok</c>, <c>.Failed</c>) — for a discarded status, a status stored to
/// a local never read, or the expression body of a void member; (2) where ImpersonateSecurityContext is checked and the
/// whole work is a <c>try</c> whose <c>finally</c> only reverts, rewrite into
/// <c>using (SecurityContextImpersonation.Begin(handle)) { … }</c> (the scope checks its revert; C-SSPI-3, C-ALL-2).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SSX016RevertResultDiscardedCodeFix))]
[Shared]
public sealed class SSX016RevertResultDiscardedCodeFix : RuleCodeFix
{
    /// <summary>Creates the provider.</summary>
    public SSX016RevertResultDiscardedCodeFix()
        : base(
            Analyzers.Descriptors.Rules.SSX016,
            new FixKind("Fail fast when the revert fails", "FailFast", FailFast),
            new FixKind("Use SecurityContextImpersonation scope", "UseSecurityContextImpersonation", UseScope))
    {
    }

    private static SyntaxNode? FailFast(FixSite site, CancellationToken cancellationToken)
    {
        if (site.Model.GetOperation(site.Call, cancellationToken) is not IInvocationOperation invocation)
        {
            return null;
        }

        var type = invocation.TargetMethod.ReturnType;
        var name = invocation.TargetMethod.Name;

        // void Dispose() => Revert(…);  →  void Dispose() { if (failed) FailFast(…); }
        if (site.Call.Parent is ArrowExpressionClauseSyntax arrow && StatementShapes.Unparenthesize(arrow.Expression) == site.Call
            && Check(site, type, name, site.Call.WithoutTrivia()) is { } bodyCheck)
        {
            var block = SyntaxFactory.Block(bodyCheck).WithAdditionalAnnotations(Formatter.Annotation);
            SyntaxNode? member = arrow.Parent switch
            {
                MethodDeclarationSyntax m when m.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
                    => m.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
                LocalFunctionStatementSyntax f when f.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
                    => f.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
                AccessorDeclarationSyntax a when a.Keyword.Kind() is SyntaxKind.SetKeyword or SyntaxKind.InitKeyword
                    => a.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block),
                _ => null,
            };
            return member is null ? null : site.Root.ReplaceNode(arrow.Parent!, member.WithTriviaFrom(arrow.Parent!));
        }

        if (CallGroup.Read(site, FixFacts.Group, cancellationToken) is not { } group)
        {
            return null;
        }

        var statements = group.List.Statements.ToList();
        switch (group.Shape)
        {
            case CallShape.Discarded when Check(site, type, name, site.Call.WithoutTrivia()) is { } check:
            {
                var statement = statements[group.Start];
                statements[group.Start] = check.WithLeadingTrivia(statement.GetLeadingTrivia()).WithTrailingTrivia(statement.GetTrailingTrivia());
                break;
            }

            case CallShape.StoredInLocal when group.Local is { } local && group.End == group.Start
                                              && Check(site, type, name, SyntaxFactory.IdentifierName(local.Name)) is { } check:
                statements.Insert(group.Start + 1, check.WithLeadingTrivia(Syntax.Indentation(statements[group.Start])));
                break;
            default:
                return null;
        }

        return site.Root.ReplaceNode(group.List.Owner, StatementList.WithStatements(group.List.Owner, statements));
    }

    /// <summary><c>if (&lt;status shows failure&gt;) { Environment.FailFast("&lt;name&gt; failed: …"); }</c>, or null for a status we cannot test.</summary>
    private static IfStatementSyntax? Check(FixSite site, ITypeSymbol statusType, string name, ExpressionSyntax status)
    {
        ExpressionSyntax? failed = ResultConventions.Of(statusType) switch
        {
            ResultConvention.ZeroIsSuccess => SyntaxFactory.BinaryExpression(SyntaxKind.NotEqualsExpression, status,
                SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0))),
            ResultConvention.TrueIsSuccess => SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, Parenthesize(status)),
            ResultConvention.HResultStruct when HasProperty(statusType, "Failed") => Member(status, "Failed"),
            ResultConvention.HResultStruct when HasProperty(statusType, "Succeeded") => SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, Member(status, "Succeeded")),
            _ => null,
        };
        if (failed is null)
        {
            return null;
        }

        var environment = Names.Type(site.Model, site.Call.SpanStart, "System.Environment");
        var message = SyntaxFactory.Literal(name + " failed: the thread may still be impersonating the client.");
        var failFast = SyntaxFactory.ParseStatement(environment + ".FailFast(" + message.Text + ");");
        return SyntaxFactory.IfStatement(failed, SyntaxFactory.Block(failFast))
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);

        static ExpressionSyntax Parenthesize(ExpressionSyntax e) => e is InvocationExpressionSyntax or IdentifierNameSyntax ? e : SyntaxFactory.ParenthesizedExpression(e);

        static ExpressionSyntax Member(ExpressionSyntax e, string member)
            => SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(e), SyntaxFactory.IdentifierName(member));

        static bool HasProperty(ITypeSymbol type, string property)
            => type.GetMembers(property).Any(m => m is IPropertySymbol { IsStatic: false, Type.SpecialType: SpecialType.System_Boolean });
    }

    /// <summary>
    /// <c>if (Impersonate(ref h) != 0) throw …; try { work } finally { Revert(ref h); }</c> →
    /// <c>using (SecurityContextImpersonation.Begin(h)) { work }</c>: only when the finally does nothing but this revert,
    /// the try has no catch, and the statement right before it is a pure check of an ImpersonateSecurityContext call on
    /// the same handle (the scope throws on failure, and reverts and checks the revert in its Dispose).
    /// </summary>
    private static SyntaxNode? UseScope(FixSite site, CancellationToken cancellationToken)
    {
        if (site.Model.Compilation.GetTypeByMetadataName("SecureSockets.SecurityContextImpersonation") is not { } wrapper
            || site.Model.GetOperation(site.Call, cancellationToken) is not IInvocationOperation revert
            || site.Catalog.KindOf(revert) != ApiKind.SspiRevert
            || StatementShapes.TryWhoseFinallyIsOnly(site.Call) is not { } tryStatement
            || StatementList.Containing(tryStatement) is not { } list)
        {
            return null;
        }

        var index = list.Statements.ToList().IndexOf(tryStatement);
        if (index <= 0)
        {
            return null;
        }

        // The check right before the try: the group of the impersonate call this revert ends, ending just before the try.
        if (CallGroup.Read(site, FixFacts.BeginGroup, cancellationToken) is not { } group
            || site.Model.GetOperation(group.Call, cancellationToken) is not IInvocationOperation impersonate
            || site.Catalog.KindOf(impersonate) != ApiKind.SspiImpersonate
            || group.List.Owner != list.Owner
            || group.End != index - 1
            || !(group.Shape == CallShape.InCondition || (group.Shape == CallShape.StoredInLocal && group.End > group.Start))
            || !group.IsPureCheck
            || !SameHandle(impersonate, revert)
            || RegionRewrites.ScopeBegin(site, wrapper, impersonate, out var addUsing) is not { } begin)
        {
            return null;
        }

        var scope = SyntaxFactory.UsingStatement(null, begin, tryStatement.Block)
            .WithLeadingTrivia(list.Statements[group.Start].GetLeadingTrivia())
            .WithTrailingTrivia(tryStatement.GetTrailingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        var statements = list.Statements.ToList();
        statements.RemoveRange(group.Start, index - group.Start + 1);
        statements.Insert(group.Start, scope);
        var newRoot = site.Root.ReplaceNode(list.Owner, StatementList.WithStatements(list.Owner, statements));
        return addUsing ? Imports.AddUsing(newRoot, "SecureSockets") : newRoot;
    }

    /// <summary>Both calls take the same variable as their handle (any revert ends the thread's impersonation, but the scope reverts only the handle it began with).</summary>
    private static bool SameHandle(IInvocationOperation impersonate, IInvocationOperation revert)
    {
        static ISymbol? HandleOf(IInvocationOperation call) => call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value switch
        {
            ILocalReferenceOperation l => l.Local,
            IParameterReferenceOperation p => p.Parameter,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } f => f.Field,
            _ => null,
        };

        return HandleOf(impersonate) is { } handle && SymbolEqualityComparer.Default.Equals(handle, HandleOf(revert));
    }
}
