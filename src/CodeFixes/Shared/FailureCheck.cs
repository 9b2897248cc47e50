using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Model;
using SecureSockets.Analyzers.Rules;

namespace SecureSockets.CodeFixes.Shared;

/// <summary>
/// The failure-handling fixes' "Throw on failure" (C-ALL-2): a check right after the call's statement that leaves the region when the
/// status shows failure. SSPI: <c>if (status != 0) throw new Win32Exception(status);</c>. Winsock:
/// <c>if (rc == SOCKET_ERROR) throw new SocketException(error);</c> where the error is
/// <c>Marshal.GetLastWin32Error()</c> (the import sets SetLastError) or the compilation's own WSAGetLastError P/Invoke.
/// Status structs: <c>.ThrowIfFailed()</c> / <c>.ThrowOnFailure()</c>. A discarded status is first stored to a new local.
/// An existing <c>if (status != 0) single-statement;</c> that does not leave gets a throw added; anything more complex
/// gets no fix.
/// </summary>
internal static class FailureCheck
{
    public static SyntaxNode? Apply(FixSite site, CancellationToken cancellationToken)
    {
        if (site.Model.GetOperation(site.Call, cancellationToken) is not IInvocationOperation invocation
            || CallGroup.Read(site, FixFacts.Group, cancellationToken) is not { } group)
        {
            return null;
        }

        var api = site.Catalog.Classify(invocation.TargetMethod);
        var kind = site.Catalog.KindOf(invocation, api);
        var style = new Style(site, invocation.TargetMethod, sspi: kind == ApiKind.SspiImpersonate);
        switch (api.Result)
        {
            case ResultConvention.HResultStruct:
                return ThrowIfFailed(site, group, invocation.TargetMethod.ReturnType, cancellationToken);
            case ResultConvention.ZeroIsSuccess:
                break;
            default:
                return null;
        }

        var statements = group.List.Statements.ToList();
        switch (group.Shape)
        {
            case CallShape.Discarded:
            {
                var name = Syntax.UniqueName(site.Model, site.Call, style.Sspi ? "status" : "rc");
                if (style.Check(name) is not { } check)
                {
                    return null;
                }

                var statement = statements[group.Start];
                statements[group.Start] = Declare(name, site.Call)
                    .WithLeadingTrivia(statement.GetLeadingTrivia())
                    .WithTrailingTrivia(statement.GetTrailingTrivia());
                statements.Insert(group.Start + 1, check.WithLeadingTrivia(Syntax.Indentation(statement)));
                break;
            }

            case CallShape.StoredInLocal when group.Local is { } local:
            {
                if (group.End > group.Start && statements[group.Start + 1] is IfStatementSyntax test)
                {
                    // The failure branch exists but rejoins: add the throw to it.
                    if (!AddThrow(style, test, e => group.IsLocal(e, site.Model, cancellationToken), local.Name, out var fixedTest))
                    {
                        return null;
                    }

                    statements[group.Start + 1] = fixedTest;
                    break;
                }

                if (style.Check(local.Name) is not { } check)
                {
                    return null;
                }

                statements.Insert(group.Start + 1, check.WithLeadingTrivia(Syntax.Indentation(statements[group.Start])));
                break;
            }

            case CallShape.InCondition when group.Statement is IfStatementSyntax test:
            {
                if (!style.Sspi)
                {
                    if (!AddThrow(style, test, group.IsCall, statusName: null, out var fixedTest))
                    {
                        return null;
                    }

                    statements[group.Start] = fixedTest;
                    break;
                }

                // SSPI: the exception needs the status, so it goes to a local first.
                var name = Syntax.UniqueName(site.Model, site.Call, "status");
                if (!AddThrow(style, test, group.IsCall, name, out var withThrow))
                {
                    return null;
                }

                var declaration = Declare(name, site.Call).WithLeadingTrivia(test.GetLeadingTrivia());
                var rewritten = withThrow.ReplaceNode(
                        withThrow.Condition.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().First(i => i.IsEquivalentTo(site.Call)),
                        SyntaxFactory.IdentifierName(name).WithTriviaFrom(site.Call))
                    .WithLeadingTrivia(Syntax.Indentation(test))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                statements[group.Start] = rewritten;
                statements.Insert(group.Start, declaration);
                break;
            }

            default:
                return null;
        }

        return site.Root.ReplaceNode(group.List.Owner, StatementList.WithStatements(group.List.Owner, statements));
    }

    /// <summary><c>if (failure) single-statement;</c> with no else, that does not leave: the statement, then a throw.</summary>
    private static bool AddThrow(Style style, IfStatementSyntax test, System.Func<ExpressionSyntax, bool> isSubject, string? statusName, out IfStatementSyntax result)
    {
        result = test;
        if (test.Else is not null || !FailureTests.IsFailureTest(test.Condition, isSubject, style.Site.Call, style.Site.Model) || StatementShapes.Leaves(test.Statement))
        {
            return false;
        }

        List<StatementSyntax> body;
        if (test.Statement is BlockSyntax block)
        {
            if (block.Statements.Count > 1 || block.Statements.Any(s => s is BlockSyntax or IfStatementSyntax))
            {
                return false;
            }

            body = block.Statements.ToList();
        }
        else if (test.Statement is BlockSyntax or IfStatementSyntax)
        {
            return false;
        }
        else
        {
            body = new List<StatementSyntax> { test.Statement.WithoutLeadingTrivia() };
        }

        if (style.Throw(statusName) is not { } throwStatement)
        {
            return false;
        }

        body.Add(throwStatement);
        var newBlock = test.Statement is BlockSyntax original
            ? original.WithStatements(SyntaxFactory.List(body))
            : SyntaxFactory.Block(body).WithTrailingTrivia(test.Statement.GetTrailingTrivia());
        var closeParen = test.CloseParenToken;
        if (test.Statement is not BlockSyntax)
        {
            closeParen = closeParen.WithTrailingTrivia(SyntaxFactory.ElasticMarker);
        }

        result = test.WithCloseParenToken(closeParen).WithStatement(newBlock).WithAdditionalAnnotations(Formatter.Annotation);
        return true;
    }

    private static SyntaxNode? ThrowIfFailed(FixSite site, CallGroup group, ITypeSymbol statusType, CancellationToken cancellationToken)
    {
        var method = statusType.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m =>
            m.Name is "ThrowIfFailed" or "ThrowOnFailure" && !m.IsStatic && m.Parameters.Length == 0 && site.Model.IsAccessible(site.Call.SpanStart, m));
        if (method is null)
        {
            return null;
        }

        var statements = group.List.Statements.ToList();
        switch (group.Shape)
        {
            case CallShape.Discarded:
                var statement = statements[group.Start];
                statements[group.Start] = ThrowIfFailedStatement(site.Call.WithoutTrivia(), method.Name)
                    .WithLeadingTrivia(statement.GetLeadingTrivia())
                    .WithTrailingTrivia(statement.GetTrailingTrivia());
                break;
            case CallShape.StoredInLocal when group.Local is { } local && (group.End == group.Start || statements[group.Start + 1] is not IfStatementSyntax):
                statements.Insert(group.Start + 1, ThrowIfFailedStatement(SyntaxFactory.IdentifierName(local.Name), method.Name).WithLeadingTrivia(Syntax.Indentation(statements[group.Start])));
                break;
            default:
                return null;
        }

        return site.Root.ReplaceNode(group.List.Owner, StatementList.WithStatements(group.List.Owner, statements));
    }

    private static StatementSyntax ThrowIfFailedStatement(ExpressionSyntax status, string method)
        => SyntaxFactory.ExpressionStatement(
                SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, status, SyntaxFactory.IdentifierName(method))))
            .WithAdditionalAnnotations(Formatter.Annotation);

    private static LocalDeclarationStatementSyntax Declare(string name, InvocationExpressionSyntax call)
        => SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name))
                            .WithInitializer(SyntaxFactory.EqualsValueClause(call.WithoutTrivia())))))
            .WithAdditionalAnnotations(Formatter.Annotation);

    /// <summary>How a binding reports failure: the SSPI status itself, or Winsock's SOCKET_ERROR plus a last-error code.</summary>
    private sealed class Style
    {
        private readonly IMethodSymbol method;

        public Style(FixSite site, IMethodSymbol method, bool sspi)
        {
            Site = site;
            this.method = method;
            Sspi = sspi;
        }

        public FixSite Site { get; }

        public bool Sspi { get; }

        private bool IsInt => method.ReturnType.SpecialType == SpecialType.System_Int32;

        /// <summary><c>if (&lt;status shows failure&gt;) { throw …; }</c>, or null when the error code cannot be had.</summary>
        public IfStatementSyntax? Check(string status)
        {
            if (Throw(status) is not { } throwStatement)
            {
                return null;
            }

            var condition = Sspi || !IsInt ? status + " != 0" : status + " == " + SocketError();
            return SyntaxFactory.IfStatement(SyntaxFactory.ParseExpression(condition), SyntaxFactory.Block(throwStatement))
                .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        }

        public StatementSyntax? Throw(string? status)
        {
            string exception;
            if (Sspi)
            {
                if (status is null)
                {
                    return null;
                }

                var code = IsInt ? status : "unchecked((int)" + status + ")";
                exception = "new " + Names.Type(Site.Model, Site.Call.SpanStart, "System.ComponentModel.Win32Exception") + "(" + code + ")";
            }
            else
            {
                if (LastError() is not { } error)
                {
                    return null;
                }

                exception = "new " + Names.Type(Site.Model, Site.Call.SpanStart, "System.Net.Sockets.SocketException") + "(" + error + ")";
            }

            return SyntaxFactory.ThrowStatement(SyntaxFactory.ParseExpression(exception))
                .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        }

        /// <summary>SOCKET_ERROR when a constant of that name (-1) is in scope or in the binding class, else -1.</summary>
        private string SocketError()
        {
            var position = Site.Call.SpanStart;
            if (Site.Model.LookupSymbols(position, name: "SOCKET_ERROR").OfType<IFieldSymbol>().Any(IsSocketError))
            {
                return "SOCKET_ERROR";
            }

            var member = method.ContainingType.GetMembers("SOCKET_ERROR").OfType<IFieldSymbol>()
                .FirstOrDefault(f => IsSocketError(f) && Site.Model.IsAccessible(position, f));
            return member is null ? "-1" : Names.Member(Site.Model, position, member);
        }

        private static bool IsSocketError(IFieldSymbol field) => field is { IsConst: true, ConstantValue: -1 };

        /// <summary>Marshal.GetLastWin32Error() when the import sets SetLastError; the compilation's WSAGetLastError P/Invoke; else null.</summary>
        private string? LastError()
        {
            if (SetsLastError(method))
            {
                return Names.Type(Site.Model, Site.Call.SpanStart, "System.Runtime.InteropServices.Marshal") + ".GetLastWin32Error()";
            }

            var position = Site.Call.SpanStart;
            var candidates = method.ContainingType.GetMembers("WSAGetLastError")
                .Concat(Site.Model.Compilation.GetSymbolsWithName(n => n == "WSAGetLastError", SymbolFilter.Member))
                .OfType<IMethodSymbol>();
            var getLastError = candidates.FirstOrDefault(m =>
                m is { IsStatic: true, Parameters.Length: 0, ReturnType.SpecialType: SpecialType.System_Int32 }
                && Site.Model.IsAccessible(position, m)
                && (m.GetDllImportData() is not null || HasLibraryImport(m)));
            return getLastError is null ? null : Names.Member(Site.Model, position, getLastError) + "()";
        }

        private static bool SetsLastError(IMethodSymbol method)
        {
            if (method.GetDllImportData() is { } data)
            {
                return data.SetLastError;
            }

            var definition = method.PartialDefinitionPart ?? method;
            foreach (var attribute in definition.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "LibraryImportAttribute")
                {
                    return attribute.NamedArguments.Any(a => a.Key == "SetLastError" && a.Value.Value is true);
                }
            }

            return false;
        }

        private static bool HasLibraryImport(IMethodSymbol method)
            => (method.PartialDefinitionPart ?? method).GetAttributes().Any(a => a.AttributeClass?.Name == "LibraryImportAttribute");
    }
}
