using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureSockets.CodeFixes.Shared;

/// <summary>What a range of statements (or one expression) reads, writes and declares.</summary>
internal sealed class Flow
{
    private Flow()
    {
    }

    public HashSet<ISymbol> Read { get; } = new(SymbolEqualityComparer.Default);

    public HashSet<ISymbol> Written { get; } = new(SymbolEqualityComparer.Default);

    public HashSet<ISymbol> Declared { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The union over the statements, or null when the compiler cannot analyze one of them.</summary>
    public static Flow? Of(SemanticModel model, IEnumerable<StatementSyntax> statements)
    {
        var flow = new Flow();
        foreach (var statement in statements)
        {
            if (statement is LocalFunctionStatementSyntax)
            {
                continue;
            }

            if (!flow.Add(model.AnalyzeDataFlow(statement)))
            {
                return null;
            }
        }

        return flow;
    }

    public static Flow? Of(SemanticModel model, ExpressionSyntax expression)
    {
        var flow = new Flow();
        return flow.Add(model.AnalyzeDataFlow(expression)) ? flow : null;
    }

    private bool Add(DataFlowAnalysis? analysis)
    {
        if (analysis is null || !analysis.Succeeded)
        {
            return false;
        }

        Read.UnionWith(analysis.ReadInside);
        Written.UnionWith(analysis.WrittenInside);
        Declared.UnionWith(analysis.VariablesDeclared);
        return true;
    }
}
