using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>The words and spans the rules' messages share.</summary>
internal static class RuleText
{
    public static string CallName(IOperation call)
        => call is IInvocationOperation invocation ? invocation.TargetMethod.Name : call.Syntax.ToString();

    /// <summary>What happened to a socket that makes securing or naming it too late, most decisive first.</summary>
    public static string Describe(SocketEvents events)
    {
        if ((events & SocketEvents.Connected) != 0)
        {
            return "connected";
        }

        if ((events & SocketEvents.Accepted) != 0)
        {
            return "accepted (created connected)";
        }

        if ((events & SocketEvents.Listening) != 0)
        {
            return "listening";
        }

        if ((events & SocketEvents.Bound) != 0)
        {
            return "bound";
        }

        return "used by a send-to (which binds it)";
    }

    public static string Verb(ApiKind kind) => kind switch
    {
        ApiKind.Bind => "bound",
        ApiKind.Listen or ApiKind.BindAndListen => "listening",
        ApiKind.SendTo => "used to send",
        _ => "connected",
    };

    /// <summary>The unsupported family and type of a creation, by their Winsock names where they have a common one (C-SEC-5).</summary>
    public static string SocketKind(SocketCreation creation)
    {
        var family = creation.HasUnsupportedFamily ? "family " + Named(creation.Family!.Value, FamilyNames) : null;
        var type = creation.HasUnsupportedType ? "type " + Named(creation.Type!.Value, TypeNames) : null;
        return family is not null && type is not null ? family + " and " + type : family ?? type!;

        static string Named(double value, (double Value, string Name)[] names)
        {
            foreach (var (v, name) in names)
            {
                if (v == value)
                {
                    return name + " (" + value.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
                }
            }

            return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static readonly (double, string)[] FamilyNames = { (1, "AF_UNIX"), (6, "AF_IPX"), (17, "AF_NETBIOS"), (26, "AF_IRDA"), (32, "AF_BTH"), (34, "AF_HYPERV") };
    private static readonly (double, string)[] TypeNames = { (3, "SOCK_RAW"), (4, "SOCK_RDM"), (5, "SOCK_SEQPACKET") };

    /// <summary>Why a creation gives the overlapped attribute (C-IMP-2).</summary>
    public static string OverlappedBy(SocketCreation creation)
        => creation.Managed ? "created by .NET, which makes every socket overlapped"
            : creation.HasFlagsArgument ? "created by " + CallName(creation.Site) + " with WSA_FLAG_OVERLAPPED"
            : "created by " + CallName(creation.Site) + "(), which gives every socket that attribute";

    /// <summary>The flow's name for a message: a method's or local function's name; a lambda has none of its own.</summary>
    public static string FlowName(ISymbol? symbol) => symbol switch
    {
        null => "the method",
        IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda => "lambda in " + FlowName(lambda.ContainingSymbol),
        _ => symbol.Name,
    };

    /// <summary>Where a thread switch is reported (C-ALL-1): the await keyword; for await using/foreach the statement's first token; or "yield return".</summary>
    public static (TextSpan Span, string Text) SuspensionSpan(SyntaxNode syntax)
    {
        switch (syntax)
        {
            case AwaitExpressionSyntax awaitExpression:
                return (awaitExpression.AwaitKeyword.Span, "await");
            case YieldStatementSyntax yieldStatement:
                return (TextSpan.FromBounds(yieldStatement.YieldKeyword.SpanStart, yieldStatement.ReturnOrBreakKeyword.Span.End), "yield return");
            default:
                // await using / await foreach: the lowered await's syntax is the resource or the collection;
                // the keyword belongs to the enclosing statement.
                foreach (var node in syntax.AncestorsAndSelf())
                {
                    var keyword = node switch
                    {
                        UsingStatementSyntax u => u.AwaitKeyword,
                        LocalDeclarationStatementSyntax l => l.AwaitKeyword,
                        CommonForEachStatementSyntax f => f.AwaitKeyword,
                        _ => default,
                    };
                    if (keyword.IsKind(SyntaxKind.AwaitKeyword))
                    {
                        return (keyword.Span, "await");
                    }

                    if (node is StatementSyntax)
                    {
                        break;
                    }
                }

                return (syntax.GetFirstToken().Span, "await");
        }
    }
}
