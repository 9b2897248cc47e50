using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureSockets.Analyzers.Catalog;

/// <summary>What a declaration's attributes say as written, before anything is bound (the activity check and the name index read them).</summary>
internal static class AttributeNames
{
    /// <summary>The attribute's name as written, without qualifier: <c>Contracts.BeginsImpersonation</c> is <c>BeginsImpersonation</c>.</summary>
    public static string SimpleName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax plain => plain.Identifier.ValueText,
        _ => string.Empty,
    };

    /// <summary>Does any attribute have a simple name the predicate accepts?</summary>
    public static bool Any(SyntaxList<AttributeListSyntax> lists, Func<string, bool> simpleName)
    {
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (simpleName(SimpleName(attribute.Name)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The value given to an <c>EntryPoint =</c> argument (DllImport, LibraryImport), or null.</summary>
    public static ExpressionSyntax? EntryPointOf(SyntaxList<AttributeListSyntax> lists)
    {
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                foreach (var argument in attribute.ArgumentList?.Arguments ?? default)
                {
                    if (argument.NameEquals?.Name.Identifier.ValueText == "EntryPoint")
                    {
                        return argument.Expression;
                    }
                }
            }
        }

        return null;
    }
}
