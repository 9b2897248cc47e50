using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Model;

internal static class SocketTypes
{
    /// <summary>A type a socket can be held in: handle-sized integers, SOCKET-like structs, SafeHandles, managed sockets.</summary>
    public static bool CanHoldSocket(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_IntPtr:
            case SpecialType.System_UIntPtr:
            case SpecialType.System_UInt64:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int32:
                return true;
            case SpecialType.None:
                break;
            default:
                return false;
        }

        if (type.TypeKind == TypeKind.Struct || KnownTypes.IsManagedSocketType(type))
        {
            return true;
        }

        for (var t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
        {
            if (t.Name == "SafeHandle")
            {
                return true;
            }
        }

        return false;
    }
}
