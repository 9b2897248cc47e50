using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace SecureSockets.CodeFixes.Shared;

/// <summary>Small syntax helpers shared by the fixes.</summary>
internal static class Syntax
{
    /// <summary>
    /// Splits leading trivia into the blank lines it starts with and the rest (indentation, comments): a moved
    /// statement keeps its comments, while the blank line stays where it separated two statements.
    /// </summary>
    public static (SyntaxTriviaList Blank, SyntaxTriviaList Tail) SplitBlankLines(SyntaxTriviaList leading)
    {
        var blankEnd = 0;
        for (var i = 0; i < leading.Count; i++)
        {
            if (leading[i].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                continue;
            }

            if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                blankEnd = i + 1;
                continue;
            }

            break;
        }

        return (SyntaxFactory.TriviaList(leading.Take(blankEnd)), SyntaxFactory.TriviaList(leading.Skip(blankEnd)));
    }

    /// <summary>The whitespace right before the statement's first token (its indentation), or nothing.</summary>
    public static SyntaxTriviaList Indentation(SyntaxNode statement)
    {
        var leading = statement.GetLeadingTrivia();
        return leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
    }

    /// <summary>The trivia up to and including its last line end (comment lines without the next line's indentation).</summary>
    public static SyntaxTriviaList WholeLines(SyntaxTriviaList trivia)
    {
        for (var i = trivia.Count - 1; i >= 0; i--)
        {
            if (trivia[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return SyntaxFactory.TriviaList(trivia.Take(i + 1));
            }
        }

        return SyntaxFactory.TriviaList();
    }

    /// <summary>The statement ends its line: its trailing trivia ends with a line end (added when missing, at the end of a file).</summary>
    public static StatementSyntax EndsLine(StatementSyntax statement, SyntaxNode root)
    {
        var trailing = statement.GetTrailingTrivia();
        return trailing.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) ? statement : statement.WithTrailingTrivia(trailing.Add(EndOfLine(root)));
    }

    /// <summary>Does the trivia hold anything but whitespace and line ends (a comment, a directive)?</summary>
    public static bool HasComments(SyntaxTriviaList trivia)
        => trivia.Any(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia));

    /// <summary>The line ending the document uses (its first), or "\n".</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode root)
    {
        foreach (var trivia in root.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia;
            }
        }

        return SyntaxFactory.EndOfLine("\n");
    }

    /// <summary>A name not declared anywhere in the body that holds <paramref name="at"/>, nor visible there.</summary>
    public static string UniqueName(SemanticModel model, SyntaxNode at, string baseName)
    {
        var taken = new HashSet<string>(model.LookupSymbols(at.SpanStart).Select(s => s.Name));
        var body = (SyntaxNode?)at.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => m is not GlobalStatementSyntax) ?? at.SyntaxTree.GetRoot();
        foreach (var node in body.DescendantNodes())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax v: taken.Add(v.Identifier.ValueText); break;
                case SingleVariableDesignationSyntax d: taken.Add(d.Identifier.ValueText); break;
                case ForEachStatementSyntax f: taken.Add(f.Identifier.ValueText); break;
                case CatchDeclarationSyntax c: taken.Add(c.Identifier.ValueText); break;
                case ParameterSyntax p: taken.Add(p.Identifier.ValueText); break;
                case LocalFunctionStatementSyntax l: taken.Add(l.Identifier.ValueText); break;
            }
        }

        var name = baseName;
        for (var i = 1; taken.Contains(name); i++)
        {
            name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }
}
