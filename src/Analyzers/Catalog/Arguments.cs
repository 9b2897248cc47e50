using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureSockets.Analyzers.Catalog;

internal static class Arguments
{
    /// <summary>The argument bound to parameter <paramref name="ordinal"/> (arguments are in evaluation order, not parameter order).</summary>
    public static IOperation? Get(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }

    public static bool TryToLong(object value, out long result)
    {
        switch (value)
        {
            case int i: result = i; return true;
            case uint u: result = u; return true;
            case long l: result = l; return true;
            case ulong ul: result = unchecked((long)ul); return true;
            case short s: result = s; return true;
            case ushort us: result = us; return true;
            case byte b: result = b; return true;
            case sbyte sb: result = sb; return true;
            default: result = 0; return false;
        }
    }

    public static IOperation? StripConversions(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>null, default, 0, IntPtr.Zero, or a static Null/NULL member: a null handle (SetThreadToken's revert form).</summary>
    public static bool IsNullHandle(IOperation? operation)
    {
        operation = StripConversions(operation);
        switch (operation)
        {
            case null:
                return false;
            case IDefaultValueOperation:
                return true;
            case ILiteralOperation or IFieldReferenceOperation or IPropertyReferenceOperation when operation.ConstantValue.HasValue:
                return operation.ConstantValue.Value is null || (TryToLong(operation.ConstantValue.Value, out var v) && v == 0);
            case IFieldReferenceOperation { Instance: null } field:
                return field.Field.Name is "Zero" or "Null" or "NULL";
            case IPropertyReferenceOperation { Instance: null } property:
                return property.Property.Name is "Zero" or "Null" or "NULL";
            case IObjectCreationOperation creation when creation.Arguments.Length == 1:
                return IsNullHandle(creation.Arguments[0].Value);
            default:
                return operation.ConstantValue.HasValue
                       && (operation.ConstantValue.Value is null || (TryToLong(operation.ConstantValue.Value, out var c) && c == 0));
        }
    }
}
