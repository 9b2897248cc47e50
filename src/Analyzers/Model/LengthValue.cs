using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// A length argument as C-SEC-7 reads it: a constant, <c>sizeof(T)</c>, <c>Marshal.SizeOf&lt;T&gt;()</c>,
/// <c>Marshal.SizeOf(typeof(T))</c> or <c>Marshal.SizeOf(value)</c>, directly or through a local every write of which is
/// the same one of these. Anything else (arithmetic, a string tail appended) is not read: the rule stays silent.
/// </summary>
internal readonly struct LengthValue
{
    private LengthValue(double? constant, ITypeSymbol? sizeOf)
    {
        Constant = constant;
        SizeOf = sizeOf;
    }

    /// <summary>The constant length, when it is one (and not a <c>sizeof</c> of a type).</summary>
    public double? Constant { get; }

    /// <summary>The type whose size the length is.</summary>
    public ITypeSymbol? SizeOf { get; }

    public static LengthValue? Of(IOperation? argument, IOperation body, int depth = 0)
    {
        var value = Arguments.StripConversions(argument);
        switch (value)
        {
            case ISizeOfOperation sizeOf:
                return new LengthValue(null, sizeOf.TypeOperand);
            case IInvocationOperation { TargetMethod: { Name: "SizeOf", ContainingType.Name: "Marshal" } method } call:
                if (method.IsGenericMethod && call.Arguments.Length == 0)
                {
                    return new LengthValue(null, method.TypeArguments[0]);
                }

                var operand = call.Arguments.Length == 1 ? Arguments.StripConversions(call.Arguments[0].Value) : null;
                return operand is ITypeOfOperation typeOf ? new LengthValue(null, typeOf.TypeOperand)
                    : operand?.Type is { TypeKind: TypeKind.Struct } type ? new LengthValue(null, type)
                    : null;
            case ILocalReferenceOperation local when depth == 0:
                return OfLocal(local.Local, body);
        }

        return StatusTests.ConstantOf(value) is { } constant ? new LengthValue(constant, null) : null;
    }

    private static LengthValue? OfLocal(ILocalSymbol local, IOperation body)
    {
        LengthValue? found = null;
        foreach (var written in LocalWrites.Of(local, body))
        {
            if (Of(written, body, depth: 1) is not { } length || (found is { } f && !f.SameAs(length)))
            {
                return null;
            }

            found = length;
        }

        return found;
    }

    private bool SameAs(LengthValue other)
        => Constant == other.Constant && SymbolEqualityComparer.Default.Equals(SizeOf, other.SizeOf);
}
