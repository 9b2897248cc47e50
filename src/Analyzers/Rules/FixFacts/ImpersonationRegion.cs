using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>
/// The statements an impersonate call covers: from just after the call's statement (or after the <c>if</c> that checks
/// it) up to the last statement before the straight-line revert that follows in the same list, or to the end of
/// the list. Null when another revert exists elsewhere (a fix would revert twice), or when a local declared in the
/// region is used after it.
/// </summary>
internal sealed class ImpersonationRegion
{
    private const string CoversReturnSuffix = ".CoversReturn";

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
    public int End => CoversReturn ? Group.List.Statements.Count - 1 : RevertIndex >= 0 ? RevertIndex : Last;

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

    /// <summary>Writes the region (<see cref="FixFacts.Region"/>); its group is written on its own.</summary>
    public void Write(ImmutableDictionary<string, string?>.Builder properties)
    {
        // The straight-line revert (or none), then every covered statement: a fix checks they are all still there, in order.
        properties[FixFacts.Region] = FixFacts.Nodes(new SyntaxNode?[] { Revert }.Concat(Statements).ToArray());
        if (CoversReturn)
        {
            properties[FixFacts.Region + CoversReturnSuffix] = FixFacts.True;
        }
    }

    /// <summary>
    /// The region the analyzer wrote for <paramref name="group"/>'s call, in the tree the fix edits; null when it wrote
    /// none, or when its statements or its revert are no longer where they were, right after the group.
    /// </summary>
    public static ImpersonationRegion? Read(IFixFacts facts, CallGroup group)
    {
        var statements = group.List.Statements;
        var count = facts.NodeCount(FixFacts.Region);
        var first = group.End + 1;
        var last = first + count - 2;
        if (count < 2 || !FixFacts.IsRunOf(facts, FixFacts.Region, 1, group.List, first))
        {
            return null;
        }

        var revertIndex = -1;
        if (facts.Wrote(FixFacts.Region, 0))
        {
            // The revert must still follow the region: a revert gone missing is not "no revert".
            if (FixFacts.As<StatementSyntax>(facts.Node(FixFacts.Region, 0)) is not { } revert || (revertIndex = group.List.IndexOf(revert)) != last + 1)
            {
                return null;
            }
        }
        else if (last != statements.Count - 1)
        {
            return null;
        }

        var coversReturn = facts.Property(FixFacts.Region + CoversReturnSuffix) == FixFacts.True;
        if (coversReturn && (revertIndex < 0 || revertIndex + 1 != statements.Count - 1))
        {
            return null;
        }

        return new ImpersonationRegion(group, first, last, revertIndex, coversReturn);
    }

    /// <summary>
    /// The region of <paramref name="group"/>'s impersonate call, given the revert calls of its flow's graph
    /// (<paramref name="reverts"/>, reached by the flow or not: no call is classified again here).
    /// </summary>
    public static ImpersonationRegion? Find(CallGroup group, SemanticModel model, IReadOnlyCollection<SyntaxNode> reverts, CancellationToken cancellationToken)
    {
        if (group.Shape == CallShape.InCondition
            && (group.Statement is not IfStatementSyntax check || !group.IsLeavingFailureCheck(check, group.IsCall, model)))
        {
            return null;
        }

        var statements = group.List.Statements;
        var first = group.End + 1;
        var revertIndex = -1;
        for (var i = first; i < statements.Count; i++)
        {
            if (IsRevertStatement(statements[i], reverts))
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
            if (HandsOff(statements[i], model, cancellationToken))
            {
                return null;
            }
        }

        // Any other revert after the call (in a branch, after the block): the fix would revert twice.
        var revertStatement = revertIndex >= 0 ? statements[revertIndex] : null;
        foreach (var revert in reverts)
        {
            if (revert.SpanStart > group.Call.SpanStart && (revertStatement is null || !revertStatement.Span.Contains(revert.Span)))
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
                    && model.GetDeclaredSymbol(node, cancellationToken) is { } symbol)
                {
                    declared.Add(symbol);
                }
            }
        }

        // Names first: only an identifier spelled like a declared local is asked what it binds to.
        var declaredNames = new HashSet<string>(declared.Select(symbol => symbol.Name), StringComparer.Ordinal);
        var coversReturn = false;
        for (var i = last + 1; i < statements.Count && declared.Count > 0; i++)
        {
            foreach (var identifier in statements[i].DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (declaredNames.Contains(identifier.Identifier.ValueText)
                    && model.GetSymbolInfo(identifier, cancellationToken).Symbol is { } symbol && declared.Contains(symbol))
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
    /// <c>Revert(...)</c>, <c>_ = Revert(...)</c>, or an <c>if</c> that tests a revert's result, as a statement of its own.
    /// </summary>
    private static bool IsRevertStatement(StatementSyntax statement, IReadOnlyCollection<SyntaxNode> reverts)
    {
        ExpressionSyntax? expression = statement switch
        {
            ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Right: var right } } => right,
            ExpressionStatementSyntax e => e.Expression,
            IfStatementSyntax { Else: null } i => i.Condition.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(),
            _ => null,
        };

        return expression is not null && StatementShapes.Unparenthesize(expression) is InvocationExpressionSyntax invocation && reverts.Contains(invocation);
    }
}
