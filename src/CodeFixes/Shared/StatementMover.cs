using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Model;
using SecureSockets.Analyzers.Rules;

namespace SecureSockets.CodeFixes.Shared;

/// <summary>
/// Moves a call with its checks (a <see cref="CallGroup"/>) to just before the statement that holds another event
/// (the first connect), when that is faithful: the target statement is in the group's block or in a block that
/// encloses it through plain nested blocks only, comes first, and every value the moved code reads is already
/// available there and is not changed in between.
/// </summary>
internal static class StatementMover
{
    /// <summary>
    /// The new root, or null when no faithful move exists. With <paramref name="replacement"/>, the group is replaced
    /// by those statements (placed before the target) and <paramref name="reads"/> is the expression whose values
    /// they read; otherwise the group's own statements move.
    /// </summary>
    public static SyntaxNode? TryMoveBefore(
        SyntaxNode root,
        SemanticModel model,
        ApiCatalog catalog,
        CallGroup group,
        SyntaxNode target,
        IReadOnlyList<StatementSyntax>? replacement,
        ExpressionSyntax? reads,
        CancellationToken cancellationToken)
    {
        var groupOwner = group.List.Owner;
        if (StatementShapes.FlowRoot(target) != StatementShapes.FlowRoot(group.Call))
        {
            return null;
        }

        // 1. The statement holding the target, in the group's list or one that encloses it.
        StatementSyntax? targetStatement = null;
        SyntaxNode? commonOwner = null;
        var groupOwners = groupOwner.AncestorsAndSelf().ToList();
        for (var node = target; node is not null; node = node.Parent)
        {
            if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return null;
            }

            if (node is StatementSyntax statement && StatementList.OwnerOf(statement) is { } owner && groupOwners.Contains(owner))
            {
                targetStatement = statement;
                commonOwner = owner;
                break;
            }
        }

        if (targetStatement is null || commonOwner is null || StatementList.Of(commonOwner) is not { } commonList)
        {
            return null;
        }

        // Only plain nested blocks between the group and the common list: leaving an if, loop or try changes meaning.
        for (SyntaxNode node = groupOwner; node != commonOwner; node = node.Parent!)
        {
            if (node is not BlockSyntax || node.Parent is null)
            {
                return null;
            }
        }

        // 2. Where the group is in the common list, and the statements that run between the target and the group.
        var anchor = groupOwner == commonOwner
            ? group.Statement
            : groupOwner.AncestorsAndSelf().OfType<StatementSyntax>().First(s => StatementList.OwnerOf(s) == commonOwner);
        var targetIndex = commonList.IndexOf(targetStatement);
        var anchorIndex = commonList.IndexOf(anchor);
        if (targetIndex < 0 || anchorIndex < 0 || targetIndex >= anchorIndex)
        {
            return null;
        }

        var between = commonList.Statements.Skip(targetIndex).Take(anchorIndex - targetIndex).ToList();
        if (groupOwner != commonOwner)
        {
            between.AddRange(group.List.Statements.Take(group.Start));
            for (SyntaxNode node = groupOwner; node.Parent != commonOwner; node = node.Parent!)
            {
                var enclosing = (BlockSyntax)node.Parent!;
                between.AddRange(enclosing.Statements.TakeWhile(s => s != node));
            }
        }

        // 3. Every value the moved code reads is available before the target, and nothing in between changes it.
        var moved = group.Statements.ToList();
        var movedFlow = reads is null ? Flow.Of(model, moved) : Flow.Of(model, reads);
        var betweenFlow = Flow.Of(model, between);
        if (movedFlow is null || betweenFlow is null)
        {
            return null;
        }

        foreach (var symbol in movedFlow.Read)
        {
            if (movedFlow.Declared.Contains(symbol))
            {
                continue;
            }

            if (betweenFlow.Written.Contains(symbol) || betweenFlow.Declared.Contains(symbol))
            {
                return null;
            }

            if (symbol is ILocalSymbol local && local.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == root.SyntaxTree && r.Span.Start >= targetStatement.SpanStart))
            {
                return null;
            }
        }

        foreach (var symbol in movedFlow.Written)
        {
            if (!movedFlow.Declared.Contains(symbol) && (betweenFlow.Read.Contains(symbol) || betweenFlow.Written.Contains(symbol)))
            {
                return null;
            }
        }

        // 4. The moved checks do nothing else to a socket (no connect or send inside the moved if).
        if (replacement is null && !OnlyChecks(model, catalog, group, moved, cancellationToken))
        {
            return null;
        }

        // 5. Leaving a nested block: the moved locals must not clash with a local of the enclosing list.
        if (groupOwner != commonOwner && replacement is null)
        {
            var names = new HashSet<string>(movedFlow.Declared.Select(s => s.Name));
            var movedSpans = moved.Select(s => s.FullSpan).ToList();
            foreach (var node in commonOwner.DescendantNodes())
            {
                var name = node switch
                {
                    VariableDeclaratorSyntax v => v.Identifier.ValueText,
                    SingleVariableDesignationSyntax d => d.Identifier.ValueText,
                    ForEachStatementSyntax f => f.Identifier.ValueText,
                    _ => null,
                };
                if (name is not null && names.Contains(name) && !movedSpans.Any(span => span.Contains(node.Span)))
                {
                    return null;
                }
            }
        }

        // 6. The edit: the blank line before the group stays between the target and what preceded it.
        var (movedBlank, movedRest) = Syntax.SplitBlankLines(moved[0].GetLeadingTrivia());
        var (targetBlank, targetRest) = Syntax.SplitBlankLines(targetStatement.GetLeadingTrivia());
        var inserted = (replacement ?? moved).ToList();
        var reformat = replacement is not null || groupOwner != commonOwner;
        inserted[0] = inserted[0].WithLeadingTrivia(targetBlank.AddRange(movedRest));
        if (replacement is not null)
        {
            inserted[inserted.Count - 1] = inserted[inserted.Count - 1].WithTrailingTrivia(moved[moved.Count - 1].GetTrailingTrivia());
        }

        inserted[inserted.Count - 1] = Syntax.EndsLine(inserted[inserted.Count - 1], root);
        if (reformat)
        {
            inserted = inserted.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)).ToList();
        }

        SyntaxNode newCommon;
        List<StatementSyntax> list;
        if (groupOwner == commonOwner)
        {
            list = commonList.Statements.ToList();
            list.RemoveRange(group.Start, group.End - group.Start + 1);
            newCommon = commonOwner;
        }
        else
        {
            var groupList = group.List.Statements.ToList();
            groupList.RemoveRange(group.Start, group.End - group.Start + 1);
            newCommon = commonOwner.ReplaceNode(groupOwner, StatementList.WithStatements(groupOwner, groupList));
            list = StatementList.StatementsOf(newCommon).ToList();
        }

        list[targetIndex] = list[targetIndex].WithLeadingTrivia(movedBlank.AddRange(targetRest));
        list.InsertRange(targetIndex, inserted);
        return root.ReplaceNode(commonOwner, StatementList.WithStatements(newCommon, list));
    }

    /// <summary>The group's statements call no socket API but the group's own call (a close on failure is fine).</summary>
    private static bool OnlyChecks(SemanticModel model, ApiCatalog catalog, CallGroup group, IEnumerable<StatementSyntax> statements, CancellationToken cancellationToken)
    {
        foreach (var statement in statements)
        {
            foreach (var invocation in statement.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
            {
                if (invocation == group.Call)
                {
                    continue;
                }

                if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation)
                {
                    var kind = catalog.KindOf(operation);
                    if (kind is not (ApiKind.None or ApiKind.Close))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }
}
