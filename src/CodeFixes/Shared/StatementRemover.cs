using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.CodeFixes.Shared;

/// <summary>Removes a range of statements, keeping their comments and the blank line that separated them.</summary>
internal static class StatementRemover
{
    public static SyntaxNode Remove(SyntaxNode root, StatementList list, int start, int end)
    {
        var owner = list.Owner;
        var statements = list.Statements;
        var (removedBlank, removedRest) = Syntax.SplitBlankLines(statements[start].GetLeadingTrivia());
        var comments = Syntax.HasComments(removedRest) ? Syntax.WholeLines(removedRest) : SyntaxFactory.TriviaList();
        var newOwner = owner;
        var items = statements.ToList();
        if (end + 1 < statements.Count)
        {
            var next = statements[end + 1];
            var (nextBlank, nextRest) = Syntax.SplitBlankLines(next.GetLeadingTrivia());
            var blank = nextBlank.Count > 0 ? nextBlank : removedBlank;
            items[end + 1] = next.WithLeadingTrivia(blank.AddRange(comments).AddRange(nextRest));
        }
        else if (comments.Count > 0)
        {
            // The last statement: its comments go before the token that follows it (a block's closing brace).
            var following = statements[end].GetLastToken().GetNextToken(includeZeroWidth: true);
            if (owner.Span.Contains(following.Span) || owner.FullSpan.End == following.FullSpan.End)
            {
                var withComments = following.WithLeadingTrivia(comments.AddRange(following.LeadingTrivia));
                newOwner = owner.ReplaceToken(following, withComments);
                items = StatementList.StatementsOf(newOwner).ToList();
            }
        }

        items.RemoveRange(start, end - start + 1);
        return root.ReplaceNode(owner, StatementList.WithStatements(newOwner, items));
    }
}
