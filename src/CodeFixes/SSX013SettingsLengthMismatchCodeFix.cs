using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using SecureSockets.Analyzers.Rules;
using SecureSockets.CodeFixes.Shared;

namespace SecureSockets.CodeFixes;

/// <summary>
/// SSX013 (settings length does not match the settings passed): the length argument becomes the size of the structure
/// the analyzer saw passed (C-SEC-7), in the form the code already uses: <c>sizeof(T)</c> in unsafe code for an unmanaged
/// structure, <c>Marshal.SizeOf&lt;T&gt;()</c> otherwise, converted to the parameter's type when that is not <c>int</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SSX013SettingsLengthMismatchCodeFix))]
[Shared]
public sealed class SSX013SettingsLengthMismatchCodeFix : RuleCodeFix
{
    /// <summary>Creates the provider.</summary>
    public SSX013SettingsLengthMismatchCodeFix()
        : base(Analyzers.Descriptors.Rules.SSX013, new FixKind("Use the size of the structure passed", "UsePassedSize", UsePassedSize))
    {
    }

    private static SyntaxNode? UsePassedSize(FixSite site, CancellationToken cancellationToken)
    {
        if (site.Diagnosed is not ExpressionSyntax length
            || !site.Properties.TryGetValue(SSX013SettingsLengthMismatch.PassedTypeProperty, out var id) || id is null
            || DocumentationCommentId.GetFirstSymbolForDeclarationId(id, site.Model.Compilation) is not ITypeSymbol passed
            || ArgumentOf(site.Model.GetOperation(length, cancellationToken)) is not { Parameter.Type: { } parameterType })
        {
            return null;
        }

        var typeName = Names.Type(site.Model, length.SpanStart, (INamedTypeSymbol)passed);
        var unsafeContext = length.Ancestors().Any(a => a is UnsafeStatementSyntax
            || (a is MemberDeclarationSyntax member && member.Modifiers.Any(SyntaxKind.UnsafeKeyword)));
        var size = unsafeContext && passed.IsUnmanagedType
            ? "sizeof(" + typeName + ")"
            : Names.Type(site.Model, length.SpanStart, "System.Runtime.InteropServices.Marshal") + ".SizeOf<" + typeName + ">()";
        var text = parameterType.SpecialType == SpecialType.System_Int32 ? size : "(" + parameterType.ToMinimalDisplayString(site.Model, length.SpanStart) + ")" + size;
        var replacement = SyntaxFactory.ParseExpression(text).WithTriviaFrom(length).WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        return site.Root.ReplaceNode(length, replacement);
    }

    /// <summary>The argument an expression is, through the implicit conversion to the parameter's type.</summary>
    private static IArgumentOperation? ArgumentOf(IOperation? operation)
    {
        var parent = operation?.Parent;
        while (parent is IConversionOperation { IsImplicit: true })
        {
            parent = parent.Parent;
        }

        return parent as IArgumentOperation;
    }
}
