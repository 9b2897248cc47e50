using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Catalog;

internal static class ResultConventions
{
    /// <summary>How a binding's return type reports success (conventions differ by binding).</summary>
    public static ResultConvention Of(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Void:
                return ResultConvention.None;
            case SpecialType.System_Boolean:
                return ResultConvention.TrueIsSuccess;
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_IntPtr:
                return ResultConvention.ZeroIsSuccess;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return ResultConvention.ZeroIsSuccess;
        }

        if (type.TypeKind == TypeKind.Struct && (HasMember(type, "Succeeded") || HasMember(type, "Failed")))
        {
            return ResultConvention.HResultStruct;
        }

        return ResultConvention.None;
    }

    private static bool HasMember(ITypeSymbol type, string name)
    {
        foreach (var _ in type.GetMembers(name))
        {
            return true;
        }

        return false;
    }
}
