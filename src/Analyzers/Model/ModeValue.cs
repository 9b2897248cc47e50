using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// The value ioctlsocket's mode argument points to: <c>ref mode</c>, <c>&amp;mode</c> or a constant. A local whose every
/// write in the body is a constant, all zero or all non-zero, is known; anything else (a write that is not a constant,
/// the local passed by <c>out</c> or to another call by reference) is not.
/// </summary>
internal static class ModeValue
{
    /// <summary>True: non-zero (non-blocking); false: zero (blocking); null: not known.</summary>
    public static bool? IsNonZero(IOperation? argument, IOperation body)
    {
        var value = Arguments.StripConversions(argument);
        if (StatusTests.ConstantOf(value) is { } constant)
        {
            return constant != 0;
        }

        var local = value switch
        {
            IAddressOfOperation { Reference: ILocalReferenceOperation r } => r.Local,
            ILocalReferenceOperation r => r.Local,
            _ => null,
        };
        if (local is null)
        {
            return null;
        }

        bool? known = null;
        foreach (var operation in body.DescendantsAndSelf())
        {
            IOperation? written;
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    written = declarator.Initializer?.Value ?? declarator.GetVariableInitializer()?.Value;
                    if (written is null)
                    {
                        continue;
                    }

                    break;
                case ISimpleAssignmentOperation assignment when IsLocal(assignment.Target, local):
                    written = assignment.Value;
                    break;
                case ICompoundAssignmentOperation compound when IsLocal(compound.Target, local):
                    return null;
                case IIncrementOrDecrementOperation increment when IsLocal(increment.Target, local):
                    return null;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } byReference
                    when IsLocal(byReference.Value, local) && !IsWithin(byReference.Syntax, argument):
                    return null;
                case IAddressOfOperation address when IsLocal(address.Reference, local) && !IsWithin(address.Syntax, argument):
                    return null;
                default:
                    continue;
            }

            if (StatusTests.ConstantOf(written) is not { } c || (known is { } k && k != (c != 0)))
            {
                return null;
            }

            known = c != 0;
        }

        return known;
    }

    private static bool IsLocal(IOperation? operation, ILocalSymbol local)
        => Arguments.StripConversions(operation) is ILocalReferenceOperation r && SymbolEqualityComparer.Default.Equals(r.Local, local);

    /// <summary>Is this the argument being read (the graph's operations are copies of the body's: compare syntax)?</summary>
    private static bool IsWithin(SyntaxNode syntax, IOperation? argument)
        => argument is not null && syntax.SyntaxTree == argument.Syntax.SyntaxTree
           && (argument.Syntax.Span.Contains(syntax.Span) || syntax.Span.Contains(argument.Syntax.Span));
}
