using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace SecureSockets.CodeFixes.Shared;

/// <summary>Names a type of the runtime wrapper and adds its <c>using</c> directive only when it is missing.</summary>
internal static class Imports
{
    /// <summary>
    /// How code at <paramref name="position"/> can name <paramref name="type"/>: its simple name when a using (in this
    /// file or a global using) already brings it in, or when a using can be added (<paramref name="addUsing"/> is then
    /// true); the qualified name when another type of that name is in scope.
    /// </summary>
    public static ExpressionSyntax TypeName(SemanticModel model, int position, INamedTypeSymbol type, out bool addUsing)
    {
        addUsing = false;
        var visible = model.LookupNamespacesAndTypes(position, name: type.Name);
        if (visible.Any(s => SymbolEqualityComparer.Default.Equals(s, type)))
        {
            return SyntaxFactory.IdentifierName(type.Name);
        }

        if (visible.Length > 0)
        {
            return SyntaxFactory.ParseName(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
        }

        addUsing = true;
        return SyntaxFactory.IdentifierName(type.Name);
    }

    /// <summary>Adds <c>using <paramref name="ns"/>;</c> to the file unless it has it (next to the usings it has, in order).</summary>
    public static SyntaxNode AddUsing(SyntaxNode root, string ns)
    {
        if (root is not CompilationUnitSyntax unit)
        {
            return root;
        }

        if (unit.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>()
            .Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == ns))
        {
            return root;
        }

        var eol = Syntax.EndOfLine(root);
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns)).WithTrailingTrivia(eol);

        // Usings inside a namespace: add there when the file has none at the top.
        if (unit.Usings.Count == 0 && unit.Members.FirstOrDefault() is BaseNamespaceDeclarationSyntax { Usings.Count: > 0 } namespaceDeclaration)
        {
            var inner = Insert(namespaceDeclaration.Usings, directive.WithLeadingTrivia(namespaceDeclaration.Usings[0].GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia))));
            return unit.ReplaceNode(namespaceDeclaration, namespaceDeclaration.WithUsings(inner));
        }

        if (unit.Usings.Count == 0)
        {
            // The file's header comments stay on top; a blank line separates the using from the code.
            var firstToken = unit.GetFirstToken(includeZeroWidth: true);
            var header = firstToken.LeadingTrivia;
            var newUnit = unit.ReplaceToken(firstToken, firstToken.WithLeadingTrivia());
            return newUnit.WithUsings(SyntaxFactory.SingletonList(directive.WithLeadingTrivia(header).WithTrailingTrivia(eol, eol)))
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        return unit.WithUsings(Insert(unit.Usings, directive));
    }

    private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, UsingDirectiveSyntax directive)
    {
        var name = directive.Name!.ToString();
        var index = usings.Count;
        for (var i = 0; i < usings.Count; i++)
        {
            var u = usings[i];
            if (u.Alias is not null || !u.StaticKeyword.IsKind(SyntaxKind.None) || !u.GlobalKeyword.IsKind(SyntaxKind.None))
            {
                continue;
            }

            if (Compare(name, u.Name!.ToString()) < 0)
            {
                index = i;
                break;
            }

            index = i + 1;
        }

        // Keep a blank line or header before the first using where it was.
        if (index == 0 && usings.Count > 0)
        {
            var first = usings[0];
            directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
            usings = usings.Replace(first, first.WithLeadingTrivia());
        }

        return usings.Insert(index, directive);
    }

    /// <summary>System namespaces first, then ordinal (the usual .editorconfig order).</summary>
    private static int Compare(string a, string b)
    {
        var aSystem = a == "System" || a.StartsWith("System.", System.StringComparison.Ordinal);
        var bSystem = b == "System" || b.StartsWith("System.", System.StringComparison.Ordinal);
        if (aSystem != bSystem)
        {
            return aSystem ? -1 : 1;
        }

        return string.CompareOrdinal(a, b);
    }
}
