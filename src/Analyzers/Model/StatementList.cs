using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// A list of statements: a block, a switch section, or the top-level statements of a compilation unit (whose items are
/// <see cref="GlobalStatementSyntax"/> wrappers). The analyzer describes a fix's statements by their place in one; the
/// fix inserts into it and removes from it.
/// </summary>
internal sealed class StatementList
{
    private StatementList(SyntaxNode owner, IReadOnlyList<StatementSyntax> statements)
    {
        Owner = owner;
        Statements = statements;
    }

    /// <summary>The block, switch section or compilation unit.</summary>
    public SyntaxNode Owner { get; }

    public IReadOnlyList<StatementSyntax> Statements { get; }

    public int IndexOf(StatementSyntax statement)
    {
        for (var i = 0; i < Statements.Count; i++)
        {
            if (Statements[i] == statement)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The list that directly holds <paramref name="statement"/>, or null (an embedded statement, a label's body).</summary>
    public static StatementList? Containing(StatementSyntax statement)
    {
        switch (statement.Parent)
        {
            case BlockSyntax block:
                return new StatementList(block, block.Statements);
            case SwitchSectionSyntax section:
                return new StatementList(section, section.Statements);
            case GlobalStatementSyntax { Parent: CompilationUnitSyntax unit }:
                return new StatementList(unit, unit.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement).ToList());
            default:
                return null;
        }
    }

    /// <summary>The list owned by a block, switch section or compilation unit.</summary>
    public static StatementList? Of(SyntaxNode owner) => owner switch
    {
        BlockSyntax block => new StatementList(block, block.Statements),
        SwitchSectionSyntax section => new StatementList(section, section.Statements),
        CompilationUnitSyntax unit => new StatementList(unit, unit.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement).ToList()),
        _ => null,
    };

    /// <summary>The statement-list owner that directly holds <paramref name="statement"/>.</summary>
    public static SyntaxNode? OwnerOf(StatementSyntax statement) => statement.Parent switch
    {
        BlockSyntax block => block,
        SwitchSectionSyntax section => section,
        GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } => unit,
        _ => null,
    };

    /// <summary>The same owner with its statements replaced (for a compilation unit: its global statements).</summary>
    public static SyntaxNode WithStatements(SyntaxNode owner, IEnumerable<StatementSyntax> statements)
    {
        switch (owner)
        {
            case BlockSyntax block:
                return block.WithStatements(SyntaxFactory.List(statements));
            case SwitchSectionSyntax section:
                return section.WithStatements(SyntaxFactory.List(statements));
            case CompilationUnitSyntax unit:
                var members = unit.Members;
                var firstGlobal = members.IndexOf(m => m is GlobalStatementSyntax);
                var before = firstGlobal < 0 ? members.ToList() : members.Take(firstGlobal).ToList();
                var after = firstGlobal < 0 ? new List<MemberDeclarationSyntax>() : members.Skip(firstGlobal).Where(m => m is not GlobalStatementSyntax).ToList();
                var globals = statements.Select(s => (MemberDeclarationSyntax)(s.Parent is GlobalStatementSyntax g && g.Statement == s ? g : SyntaxFactory.GlobalStatement(s)));
                return unit.WithMembers(SyntaxFactory.List(before.Concat(globals).Concat(after)));
            default:
                throw new System.ArgumentException("not a statement-list owner", nameof(owner));
        }
    }

    /// <summary>The statements of an owner as they are now (after an edit to the owner node).</summary>
    public static IReadOnlyList<StatementSyntax> StatementsOf(SyntaxNode owner) => Of(owner)?.Statements ?? new List<StatementSyntax>();
}
