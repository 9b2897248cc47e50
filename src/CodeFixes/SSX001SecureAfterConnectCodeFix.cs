using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Rules;
using SecureSockets.CodeFixes.Shared;

namespace SecureSockets.CodeFixes;

/// <summary>
/// SSX001 (WSASetSocketSecurity after bind or connect): (1) move the call, with the statements that check its result,
/// to just before the first bind/listen/connect of the socket (the diagnostic's additional location); (2) for a
/// <c>System.Net.Sockets.Socket</c> secured through <c>.Handle</c> with the default settings, rewrite the checked call
/// into <c>SocketSecurity.Apply(socket);</c> before the connect. No fix where a faithful one is impossible (a value
/// computed after the connect, an accepted socket, different blocks).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SSX001SecureAfterConnectCodeFix))]
[Shared]
public sealed class SSX001SecureAfterConnectCodeFix : RuleCodeFix
{
    /// <summary>Creates the provider.</summary>
    public SSX001SecureAfterConnectCodeFix()
        : base(
            Analyzers.Descriptors.Rules.SSX001,
            new FixKind("Apply security before connect/bind", "MoveBeforeConnect", MoveBeforeFirstEvent),
        new FixKind("Rewrite into SocketSecurity.Apply before the connect", "UseSocketSecurityApply", UseSocketSecurityApply))
    {
    }

    /// <summary>Moves the call with its checks before the statement of the related event (shared with SSX006).</summary>
    internal static SyntaxNode? MoveBeforeFirstEvent(FixSite site, CancellationToken cancellationToken)
    {
        if (site.Related is null || CallGroup.Read(site, FixFacts.Group, cancellationToken) is not { } group)
        {
            return null;
        }

        return StatementMover.TryMoveBefore(site.Root, site.Model, site.Catalog, group, site.Related, replacement: null, reads: null, cancellationToken);
    }

    private static SyntaxNode? UseSocketSecurityApply(FixSite site, CancellationToken cancellationToken)
    {
        var compilation = site.Model.Compilation;
        if (site.Related is null
            || compilation.GetTypeByMetadataName("SecureSockets.SocketSecurity") is not { } wrapper
            || compilation.GetTypeByMetadataName("System.Net.Sockets.Socket") is not { } socketType
            || site.Model.GetOperation(site.Call, cancellationToken) is not IInvocationOperation invocation)
        {
            return null;
        }

        // WSASetSocketSecurity(socket.Handle, null settings, any length, no overlapped, no completion routine).
        var api = site.Catalog.Classify(invocation.TargetMethod);
        if (api.Kind != ApiKind.Secure || !api.IsNative || invocation.TargetMethod.Parameters.Length != 5
            || Arguments.StripConversions(Arguments.Get(invocation, api.SocketSlot)) is not IPropertyReferenceOperation { Property.Name: "Handle", Instance: { } socket }
            || !SymbolEqualityComparer.Default.Equals(socket.Type, socketType)
            || socket.Syntax is not ExpressionSyntax socketExpression
            || !Arguments.IsNullHandle(Arguments.Get(invocation, 1))
            || !Arguments.IsNullHandle(Arguments.Get(invocation, 3))
            || !Arguments.IsNullHandle(Arguments.Get(invocation, 4)))
        {
            return null;
        }

        if (CallGroup.Read(site, FixFacts.Group, cancellationToken) is not { } group || !group.IsPureCheck)
        {
            return null;
        }

        var typeName = Imports.TypeName(site.Model, site.Call.SpanStart, wrapper, out var addUsing);
        var apply = SyntaxFactory.ExpressionStatement(
                SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, typeName, SyntaxFactory.IdentifierName("Apply")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(socketExpression.WithoutTrivia())))))
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);

        var newRoot = StatementMover.TryMoveBefore(site.Root, site.Model, site.Catalog, group, site.Related, new[] { apply }, socketExpression, cancellationToken);
        return newRoot is not null && addUsing ? Imports.AddUsing(newRoot, "SecureSockets") : newRoot;
    }
}
