using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// The native size of a structure with sequential layout (C-SEC-7 compares it with the length passed), for a given pointer
/// size: fields laid out in order at their natural alignment (or the declared <c>Pack</c>), the total rounded to the
/// largest alignment. Null for what cannot be known without the marshaller: explicit layout, a declared Size, bool, char,
/// references, strings, arrays.
/// </summary>
internal static class StructSize
{
    public static int? Of(ITypeSymbol type, int pointerSize) => Layout(type, pointerSize, depth: 0)?.Size;

    private static (int Size, int Align)? Layout(ITypeSymbol type, int pointerSize, int depth)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Byte or SpecialType.System_SByte:
                return (1, 1);
            case SpecialType.System_Int16 or SpecialType.System_UInt16:
                return (2, 2);
            case SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single:
                return (4, 4);
            case SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Double:
                return (8, 8);
            case SpecialType.System_IntPtr or SpecialType.System_UIntPtr:
                return (pointerSize, pointerSize);
        }

        if (type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
        {
            return (pointerSize, pointerSize);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            return Layout(underlying, pointerSize, depth);
        }

        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct } named || depth > 8)
        {
            return null;
        }

        if (named.Name == "Guid" && named.ContainingNamespace?.Name == "System")
        {
            return (16, 4);
        }

        var pack = 0;
        foreach (var attribute in named.GetAttributes())
        {
            if (attribute.AttributeClass?.Name != "StructLayoutAttribute")
            {
                continue;
            }

            if (attribute.ConstructorArguments.FirstOrDefault().Value is int kind && kind != 0)
            {
                return null; // explicit or auto layout
            }

            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Size" && argument.Value.Value is int declared && declared != 0)
                {
                    return null;
                }

                if (argument.Key == "Pack" && argument.Value.Value is int p)
                {
                    pack = p;
                }
            }
        }

        int offset = 0, maxAlign = 1;
        foreach (var field in named.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst))
        {
            (int Size, int Align)? layout;
            if (field.IsFixedSizeBuffer && field.Type is IPointerTypeSymbol { PointedAtType: var element })
            {
                layout = Layout(element, pointerSize, depth + 1) is { } e ? (e.Size * field.FixedSize, e.Align) : null;
            }
            else
            {
                layout = Layout(field.Type, pointerSize, depth + 1);
            }

            if (layout is not { } l)
            {
                return null;
            }

            var align = pack > 0 ? System.Math.Min(pack, l.Align) : l.Align;
            offset = (offset + align - 1) / align * align + l.Size;
            maxAlign = System.Math.Max(maxAlign, align);
        }

        return offset == 0 ? null : ((offset + maxAlign - 1) / maxAlign * maxAlign, maxAlign);
    }
}
