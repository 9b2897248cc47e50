using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// Every write of a local in a body, for the readings that hold "when every write is …" (a FIONBIO mode, a length, a
/// revert status): the value of each plain write (declaration initializer, simple assignment), or null for a write whose
/// value is not plain (compound assignment, increment, passed by <c>ref</c>/<c>out</c>/<c>&amp;</c>). Passing the local
/// inside the argument being read (<c>except</c>) is not a write.
/// </summary>
internal static class LocalWrites
{
    public static IEnumerable<IOperation?> Of(ILocalSymbol local, IOperation body, IOperation? except = null)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation d when SymbolEqualityComparer.Default.Equals(d.Symbol, local):
                    if ((d.Initializer?.Value ?? d.GetVariableInitializer()?.Value) is { } initial)
                    {
                        yield return initial;
                    }

                    break;
                case IAssignmentOperation { Target: var target } assignment when IsLocal(target, local):
                    yield return (assignment as ISimpleAssignmentOperation)?.Value;
                    break;
                case IIncrementOrDecrementOperation { Target: var target } when IsLocal(target, local):
                    yield return null;
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument
                    when IsLocal(argument.Value, local) && !IsWithin(argument.Syntax, except):
                    yield return null;
                    break;
                case IAddressOfOperation address when IsLocal(address.Reference, local) && !IsWithin(address.Syntax, except):
                    yield return null;
                    break;
            }
        }
    }

    private static bool IsLocal(IOperation? operation, ILocalSymbol local)
        => Arguments.StripConversions(operation) is ILocalReferenceOperation r && SymbolEqualityComparer.Default.Equals(r.Local, local);

    /// <summary>Is this the argument being read (the graph's operations are copies of the body's: compare syntax)?</summary>
    private static bool IsWithin(SyntaxNode syntax, IOperation? argument)
        => argument is not null && syntax.SyntaxTree == argument.Syntax.SyntaxTree
           && (argument.Syntax.Span.Contains(syntax.Span) || syntax.Span.Contains(argument.Syntax.Span));
}
