using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureSockets.Analyzers.Model;

/// <summary>Readings of statement syntax shared by the analyzer (when it describes a fix's statements) and the fixes.</summary>
internal static class StatementShapes
{
    public static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    /// <summary>The statement always leaves the enclosing region: throw, return, break, continue (or a block ending in one).</summary>
    public static bool Leaves(StatementSyntax statement) => statement switch
    {
        ThrowStatementSyntax or ReturnStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax => true,
        ExpressionStatementSyntax { Expression: ThrowExpressionSyntax } => true,
        BlockSyntax block => block.Statements.Count > 0 && Leaves(block.Statements[block.Statements.Count - 1]),
        _ => false,
    };

    /// <summary>The code that runs as one flow around <paramref name="node"/>: a member body, lambda, local function, or the top-level statements.</summary>
    public static SyntaxNode FlowRoot(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                case BaseMethodDeclarationSyntax:
                case AccessorDeclarationSyntax:
                case PropertyDeclarationSyntax:
                case CompilationUnitSyntax:
                    return current;
            }
        }

        return node.SyntaxTree.GetRoot();
    }

    /// <summary>
    /// The <c>try</c> whose finally is nothing but <paramref name="call"/>'s statement, when it has no catch
    /// (<c>try { … } finally { Revert(…); }</c>, the shape a scope can replace); null otherwise.
    /// </summary>
    public static TryStatementSyntax? TryWhoseFinallyIsOnly(SyntaxNode call)
        => call.Parent is ExpressionStatementSyntax
        {
            Parent: BlockSyntax { Statements.Count: 1, Parent: FinallyClauseSyntax { Parent: TryStatementSyntax { Catches.Count: 0 } tryStatement } },
        }
            ? tryStatement
            : null;
}
