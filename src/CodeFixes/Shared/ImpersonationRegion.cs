using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.CodeFixes.Shared;

/// <summary>
/// The statements an impersonate call covers: from just after the call's statement (or after the <c>if</c> that checks
/// it) up to the last statement before the straight-line revert that follows in the same list, or to the end of
/// the list. Null when another revert exists elsewhere (a fix would revert twice), or when a local declared in the
/// region is used after it.
/// </summary>
internal sealed class ImpersonationRegion
{
    private ImpersonationRegion(CallGroup group, int first, int last, int revertIndex, bool coversReturn)
    {
        Group = group;
        First = first;
        Last = last;
        RevertIndex = revertIndex;
        CoversReturn = coversReturn;
    }

    public CallGroup Group { get; }

    /// <summary>Index of the first covered statement.</summary>
    public int First { get; }

    /// <summary>Index of the last covered statement.</summary>
    public int Last { get; }

    /// <summary>Index of the existing straight-line revert statement, or -1.</summary>
    public int RevertIndex { get; }

    /// <summary>
    /// The list ends with <c>return local;</c> right after the revert, reading a local of the region: the return
    /// moves into the covered statements (reading a local runs nothing impersonated) instead of blocking the fix.
    /// </summary>
    public bool CoversReturn { get; }

    public IReadOnlyList<StatementSyntax> Statements => Group.List.Statements.Skip(First).Take(Last - First + 1).ToList();

    /// <summary>The statements that go inside the try or scope: the region, and the final return when <see cref="CoversReturn"/>.</summary>
    public IReadOnlyList<StatementSyntax> Covered => CoversReturn ? Statements.Concat(new[] { Group.List.Statements[Group.List.Statements.Count - 1] }).ToList() : Statements;

    /// <summary>Index of the last statement the fix replaces (the region, the revert, the covered return).</summary>
    private int End => CoversReturn ? Group.List.Statements.Count - 1 : RevertIndex >= 0 ? RevertIndex : Last;

    public StatementSyntax? Revert => RevertIndex >= 0 ? Group.List.Statements[RevertIndex] : null;

    /// <summary>
    /// Does the statement return or yield a disposable (an owner, however it reverts), or store a new disposable anywhere
    /// but in a local (a field, a property, an out parameter)? Then the impersonation outlives the statement on purpose.
    /// </summary>
    private static bool HandsOff(StatementSyntax statement, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in statement.DescendantNodesAndSelf(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case ReturnStatementSyntax { Expression: { } returned } when IsDisposable(model.GetTypeInfo(returned, cancellationToken).Type):
                case YieldStatementSyntax { Expression: { } yielded } when IsDisposable(model.GetTypeInfo(yielded, cancellationToken).Type):
                    return true;
                case AssignmentExpressionSyntax { Right: var value } assignment
                    when IsDisposable(model.GetTypeInfo(value, cancellationToken).Type)
                         && model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is not ILocalSymbol:
                    return true;
            }
        }

        return false;
    }

    private static bool IsDisposable(ITypeSymbol? type)
        => type is not null && (type.SpecialType == SpecialType.System_IDisposable
                                || type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_IDisposable));

    public static ImpersonationRegion? Find(FixSite site, CallGroup group, CancellationToken cancellationToken)
    {
        if (group.Shape == CallShape.InCondition
            && (group.Statement is not IfStatementSyntax check || !group.IsLeavingFailureCheck(check, group.IsCall, site.Model)))
        {
            return null;
        }

        var statements = group.List.Statements;
        var first = group.End + 1;
        var revertIndex = -1;
        for (var i = first; i < statements.Count; i++)
        {
            if (IsRevertStatement(site, statements[i], cancellationToken))
            {
                revertIndex = i;
                break;
            }
        }

        var last = revertIndex >= 0 ? revertIndex - 1 : statements.Count - 1;
        if (first > last)
        {
            return null;
        }

        // The region hands the impersonation on (returns or stores a disposable, which the caller or a field owns): a
        // finally would end the impersonation before the new owner can use it.
        for (var i = first; i <= last; i++)
        {
            if (HandsOff(statements[i], site.Model, cancellationToken))
            {
                return null;
            }
        }

        // Any other revert after the call (in a branch, after the block): the fix would revert twice.
        var revertStatement = revertIndex >= 0 ? statements[revertIndex] : null;
        foreach (var invocation in Syntax.SameFlowNodes(Syntax.FlowRoot(site.Call)).OfType<InvocationExpressionSyntax>())
        {
            if (invocation.SpanStart > site.Call.SpanStart
                && (revertStatement is null || !revertStatement.Span.Contains(invocation.Span))
                && IsRevert(site, invocation, cancellationToken))
            {
                return null;
            }
        }

        // A local declared in the region and used after it would go out of scope.
        var declared = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        for (var i = first; i <= last; i++)
        {
            foreach (var node in statements[i].DescendantNodesAndSelf())
            {
                if (node is VariableDeclaratorSyntax or SingleVariableDesignationSyntax or LocalFunctionStatementSyntax or ForEachStatementSyntax
                    && site.Model.GetDeclaredSymbol(node, cancellationToken) is { } symbol)
                {
                    declared.Add(symbol);
                }
            }
        }

        var coversReturn = false;
        for (var i = last + 1; i < statements.Count && declared.Count > 0; i++)
        {
            foreach (var identifier in statements[i].DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (site.Model.GetSymbolInfo(identifier, cancellationToken).Symbol is { } symbol && declared.Contains(symbol))
                {
                    if (i == statements.Count - 1 && i == revertIndex + 1 && statements[i] is ReturnStatementSyntax { Expression: IdentifierNameSyntax })
                    {
                        coversReturn = true;
                        continue;
                    }

                    return null;
                }
            }
        }

        return new ImpersonationRegion(group, first, last, revertIndex, coversReturn);
    }

    /// <summary>
    /// Wraps the region in <c>try { … } finally { revert }</c>: the existing revert moves into the finally, or
    /// <paramref name="generatedRevert"/> is written there.
    /// </summary>
    public SyntaxNode WrapInTryFinally(SyntaxNode root, StatementSyntax? generatedRevert)
    {
        var region = Covered.ToList();
        var (blank, rest) = Syntax.SplitBlankLines(region[0].GetLeadingTrivia());
        region[0] = region[0].WithLeadingTrivia(rest);
        var revert = Revert is { } existing
            ? existing.WithLeadingTrivia(Syntax.SplitBlankLines(existing.GetLeadingTrivia()).Tail)
            : generatedRevert!;

        var tryStatement = SyntaxFactory.TryStatement(
                SyntaxFactory.Block(region),
                default,
                SyntaxFactory.FinallyClause(SyntaxFactory.Block(revert)))
            .WithLeadingTrivia(blank.AddRange(Syntax.Indentation(Statements[0])))
            .WithAdditionalAnnotations(Formatter.Annotation);

        return Replace(root, tryStatement);
    }

    /// <summary>Replaces the call's group, the region and the revert by <paramref name="statement"/>.</summary>
    public SyntaxNode ReplaceGroupAndRegion(SyntaxNode root, StatementSyntax statement)
    {
        var statements = Group.List.Statements.ToList();
        var end = End;
        var first = statements[Group.Start];
        var replaced = statement.WithLeadingTrivia(Syntax.SplitBlankLines(first.GetLeadingTrivia()).Blank.AddRange(Syntax.Indentation(first)));
        statements.RemoveRange(Group.Start, end - Group.Start + 1);
        statements.Insert(Group.Start, replaced);
        return root.ReplaceNode(Group.List.Owner, StatementList.WithStatements(Group.List.Owner, statements));
    }

    private SyntaxNode Replace(SyntaxNode root, StatementSyntax statement)
    {
        var statements = Group.List.Statements.ToList();
        var end = End;
        statements.RemoveRange(First, end - First + 1);
        statements.Insert(First, statement);
        return root.ReplaceNode(Group.List.Owner, StatementList.WithStatements(Group.List.Owner, statements));
    }

    /// <summary>
    /// <c>Revert(...)</c>, <c>_ = Revert(...)</c>, or an <c>if</c> that tests a revert's result, as a statement of its own.
    /// </summary>
    private static bool IsRevertStatement(FixSite site, StatementSyntax statement, CancellationToken cancellationToken)
    {
        ExpressionSyntax? expression = statement switch
        {
            ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Right: var right } } => right,
            ExpressionStatementSyntax e => e.Expression,
            IfStatementSyntax { Else: null } i => i.Condition.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(),
            _ => null,
        };

        return expression is not null && Syntax.Unparenthesize(expression) is InvocationExpressionSyntax invocation && IsRevert(site, invocation, cancellationToken);
    }

    private static bool IsRevert(FixSite site, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        if (site.Model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
        {
            return false;
        }

        var kind = site.Catalog.KindOf(operation, site.Catalog.Classify(operation.TargetMethod));
        return kind is ApiKind.SspiRevert or ApiKind.PeerRevert or ApiKind.ThreadRevert;
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
