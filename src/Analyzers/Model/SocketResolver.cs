using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// Maps an expression to the storage location that holds its socket (one socket, one location): a local, a parameter,
/// a field of <c>this</c> or a static field — through handle views (<c>.Handle</c>, <c>.SafeHandle</c>,
/// <c>DangerousGetHandle()</c>, <c>TcpClient.Client</c>), conversions, SOCKET-like wrapper structs and casts.
/// Anything else is not a location we track (null).
/// </summary>
internal static class SocketResolver
{
    public static ISymbol? Resolve(IOperation? operation, FlowCaptures? captures)
    {
        for (var depth = 0; operation is not null && depth < 16; depth++)
        {
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field:
                    if (field.Field.IsStatic || field.Instance is IInstanceReferenceOperation)
                    {
                        return field.Field;
                    }

                    // s.Value of a SOCKET-like struct (one handle-sized field) is that socket.
                    if (field.Instance?.Type is { TypeKind: TypeKind.Struct } && IsHandleSized(field.Field.Type))
                    {
                        operation = field.Instance;
                        continue;
                    }

                    return null;
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IAddressOfOperation addressOf:
                    operation = addressOf.Reference;
                    continue;
                case IPropertyReferenceOperation property when IsHandleView(property.Property):
                    operation = property.Instance;
                    continue;
                case IInvocationOperation invocation when invocation.TargetMethod.Name == "DangerousGetHandle" && invocation.Instance is not null:
                    operation = invocation.Instance;
                    continue;
                case IObjectCreationOperation creation when creation.Type?.TypeKind == TypeKind.Struct && creation.Arguments.Length == 1
                                                           && IsHandleSized(creation.Arguments[0].Value.Type):
                    // new SOCKET(handle)
                    operation = creation.Arguments[0].Value;
                    continue;
                case IFlowCaptureReferenceOperation captureReference when captures is not null:
                    operation = captures.ValueOf(captureReference.Id);
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Properties that show the same socket: Socket.Handle/.SafeHandle, TcpClient/UdpClient.Client, TcpListener.Server.</summary>
    private static bool IsHandleView(IPropertySymbol property)
    {
        var type = property.ContainingType;
        switch (property.Name)
        {
            case "Handle":
            case "SafeHandle":
                return KnownTypes.IsSystemNetSockets(type, "Socket");
            case "Client":
                return KnownTypes.IsSystemNetSockets(type, "TcpClient") || KnownTypes.IsSystemNetSockets(type, "UdpClient");
            case "Server":
                return KnownTypes.IsSystemNetSockets(type, "TcpListener");
            default:
                return false;
        }
    }

    private static bool IsHandleSized(ITypeSymbol? type)
        => type is not null && type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_UInt64 or SpecialType.System_Int64;
}
