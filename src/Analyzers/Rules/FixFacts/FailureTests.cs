using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>Status tests written as syntax, judged by the analyzer's own <see cref="StatusTests"/>: one definition for the flow, the facts a diagnostic carries and the fixes.</summary>
internal static class FailureTests
{
    /// <summary>
    /// Is <paramref name="condition"/> true exactly when <paramref name="call"/> failed, where <paramref name="isSubject"/>
    /// picks out the status (the call itself or the local holding it)? Judged in the call's own status domain.
    /// </summary>
    public static bool IsFailureTest(ExpressionSyntax condition, Func<ExpressionSyntax, bool> isSubject, InvocationExpressionSyntax call, SemanticModel model)
        => model.GetOperation(condition) is { } operation
           && model.GetOperation(call) is IInvocationOperation invocation
           && StatusTests.IsFailureTest(operation, o => o.Syntax is ExpressionSyntax e && isSubject(e), DomainOf(invocation, model.Compilation));

    private static StatusDomain DomainOf(IInvocationOperation invocation, Compilation compilation)
    {
        var kind = CompilationAnalysis.For(compilation)?.Catalog is { } catalog
            ? catalog.KindOf(invocation)
            : ApiKind.None;
        var type = invocation.TargetMethod.ReturnType;
        return StatusDomain.For(kind, ResultConventions.Of(type), type);
    }
}
