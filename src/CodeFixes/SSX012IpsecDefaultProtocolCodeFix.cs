using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using SecureSockets.Analyzers.Model;
using SecureSockets.CodeFixes.Shared;

namespace SecureSockets.CodeFixes;

/// <summary>
/// SSX012 (IPsec settings with the default security protocol): set <c>SecurityProtocol</c> to
/// SOCKET_SECURITY_PROTOCOL_IPSEC (C-SEC-8) right before the call that passes the structure — the binding's enum member
/// of value 1 where the field is an enum, its <c>SOCKET_SECURITY_PROTOCOL_IPSEC</c> constant where it has one, else 1 in the
/// field's type. Offered where the structure is a local, parameter or field that can be assigned; not for a buffer the
/// structure was marshalled into (the structure is elsewhere).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SSX012IpsecDefaultProtocolCodeFix))]
[Shared]
public sealed class SSX012IpsecDefaultProtocolCodeFix : RuleCodeFix
{
    /// <summary>Creates the provider.</summary>
    public SSX012IpsecDefaultProtocolCodeFix()
        : base(Analyzers.Descriptors.Rules.SSX012, new FixKind("Set SecurityProtocol to SOCKET_SECURITY_PROTOCOL_IPSEC", "SetIpsecProtocol", SetIpsecProtocol))
    {
    }

    private static SyntaxNode? SetIpsecProtocol(FixSite site, CancellationToken cancellationToken)
    {
        // The structure variable behind &x, ref x, (T*)&x.
        var expression = site.Diagnosed as ExpressionSyntax;
        while (expression is ParenthesizedExpressionSyntax or CastExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.AddressOfExpression })
        {
            expression = expression switch
            {
                ParenthesizedExpressionSyntax p => p.Expression,
                CastExpressionSyntax c => c.Expression,
                PrefixUnaryExpressionSyntax u => u.Operand,
                _ => expression,
            };
        }

        var symbol = expression is null ? null : site.Model.GetSymbolInfo(expression, cancellationToken).Symbol;
        var assignable = symbol switch
        {
            ILocalSymbol { IsRef: false, IsConst: false } => true,
            IParameterSymbol { RefKind: RefKind.None or RefKind.Ref or RefKind.Out } => true,
            IFieldSymbol { IsReadOnly: false, IsConst: false } => true,
            _ => false,
        };
        if (!assignable || expression is null
            || site.Call.FirstAncestorOrSelf<StatementSyntax>() is not { } statement
            || StatementList.Containing(statement) is not { } list
            || GetSymbolType(symbol!) is not INamedTypeSymbol structure
            || structure.GetMembers("SecurityProtocol").FirstOrDefault() is not ISymbol field
            || IpsecValue(site, field) is not { } value)
        {
            return null;
        }

        var assignment = SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, expression.WithoutTrivia(), SyntaxFactory.IdentifierName("SecurityProtocol")),
                value))
            .WithLeadingTrivia(Syntax.Indentation(statement))
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        var statements = list.Statements.ToList();
        statements.Insert(statements.IndexOf(statement), assignment);
        return site.Root.ReplaceNode(list.Owner, StatementList.WithStatements(list.Owner, statements));
    }

    private static ITypeSymbol? GetSymbolType(ISymbol symbol) => symbol switch
    {
        ILocalSymbol l => l.Type,
        IParameterSymbol p => p.Type,
        IFieldSymbol f => f.Type,
        _ => null,
    };

    /// <summary>SOCKET_SECURITY_PROTOCOL_IPSEC in the binding's own terms.</summary>
    private static ExpressionSyntax? IpsecValue(FixSite site, ISymbol field)
    {
        var type = field switch
        {
            IFieldSymbol f => f.Type,
            IPropertySymbol p => p.Type,
            _ => null,
        };
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            var member = enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(m => m.HasConstantValue && System.Convert.ToInt64(m.ConstantValue, System.Globalization.CultureInfo.InvariantCulture) == 1);
            return member is not null
                ? SyntaxFactory.ParseExpression(Names.Member(site.Model, site.Call.SpanStart, member))
                : SyntaxFactory.ParseExpression("(" + Names.Type(site.Model, site.Call.SpanStart, enumType) + ")1");
        }

        if (type is null || type.SpecialType is < SpecialType.System_SByte or > SpecialType.System_UInt64)
        {
            return null;
        }

        var constant = site.Model.Compilation.GetSymbolsWithName(n => n == "SOCKET_SECURITY_PROTOCOL_IPSEC", SymbolFilter.Member)
            .OfType<IFieldSymbol>()
            .FirstOrDefault(c => c.IsConst && System.Convert.ToInt64(c.ConstantValue, System.Globalization.CultureInfo.InvariantCulture) == 1
                                 && site.Model.IsAccessible(site.Call.SpanStart, c));
        return constant is not null
            ? SyntaxFactory.ParseExpression(Names.Member(site.Model, site.Call.SpanStart, constant))
            : SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1));
    }
}
