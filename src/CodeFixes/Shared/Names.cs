using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureSockets.CodeFixes.Shared;

/// <summary>
/// The shortest name that binds to a type at a position: its simple name when a using or the enclosing namespace
/// brings it in, else its namespace-qualified name (<c>global::</c> only when that namespace is shadowed).
/// Written directly, so the result does not depend on the simplifier.
/// </summary>
internal static class Names
{
    public static string Type(SemanticModel model, int position, INamedTypeSymbol type)
    {
        if (type.ContainingType is { } outer)
        {
            return Type(model, position, outer) + "." + type.Name;
        }

        if (model.LookupNamespacesAndTypes(position, name: type.Name).Any(s => SymbolEqualityComparer.Default.Equals(s, type)))
        {
            return type.Name;
        }

        if (type.ContainingNamespace is not { IsGlobalNamespace: false } ns)
        {
            return "global::" + type.Name;
        }

        var qualified = ns.ToDisplayString() + "." + type.Name;
        var first = qualified.Substring(0, qualified.IndexOf('.'));
        var bound = model.LookupNamespacesAndTypes(position, name: first);
        return bound.Length == 1 && bound[0] is INamespaceSymbol { ContainingNamespace.IsGlobalNamespace: true }
            ? qualified
            : "global::" + qualified;
    }

    /// <summary>The name of a type looked up by metadata name; the qualified name when the compilation lacks it.</summary>
    public static string Type(SemanticModel model, int position, string metadataName)
        => model.Compilation.GetTypeByMetadataName(metadataName) is { } type ? Type(model, position, type) : "global::" + metadataName;

    /// <summary><c>Type.Member</c>, or just <c>Member</c> when that simple name binds to the member at the position.</summary>
    public static string Member(SemanticModel model, int position, ISymbol member)
        => model.LookupSymbols(position, name: member.Name).Any(s => SymbolEqualityComparer.Default.Equals(s, member))
            ? member.Name
            : Type(model, position, member.ContainingType) + "." + member.Name;
}
