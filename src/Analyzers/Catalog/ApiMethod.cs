using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureSockets.Analyzers.Catalog;

/// <summary>Where the socket of a call is: an argument index, the receiver, or the returned value.</summary>
internal static class SocketSlot
{
    public const int None = -3;
    public const int Result = -2;
    public const int Receiver = -1;
}

/// <summary>How a recognized method reports success (conventions differ by binding).</summary>
internal enum ResultConvention
{
    None,           // void, or a result nobody needs to check
    ZeroIsSuccess,  // int/uint/enum status: 0 = SEC_E_OK / 0 for Winsock, failures are SOCKET_ERROR or negative
    HResultStruct,  // HRESULT / WSRESULT / SECURITY_STATUS-like struct: Succeeded / Failed / ThrowIfFailed
    TrueIsSuccess,  // bool-returning bindings
    Throws,         // the wrapper: failure is an exception
}

/// <summary>The catalog's answer for one method symbol.</summary>
internal sealed class ApiMethod
{
    public static readonly ApiMethod NotApi = new(ApiKind.None, Catalog.SocketSlot.None, ImmutableArray<(ArgumentRole, int)>.Empty, ResultConvention.None, isNative: false);

    private readonly ImmutableArray<(ArgumentRole Role, int Ordinal)> roles;

    public ApiMethod(ApiKind kind, int socketSlot, ImmutableArray<(ArgumentRole Role, int Ordinal)> roles, ResultConvention result, bool isNative)
    {
        Kind = kind;
        SocketSlot = socketSlot;
        this.roles = socketSlot >= 0 ? roles.Add((ArgumentRole.Socket, socketSlot)) : roles;
        Result = result;
        IsNative = isNative;
    }

    public ApiKind Kind { get; }

    /// <summary>Argument index of the socket, or <see cref="Catalog.SocketSlot.Receiver"/> / <see cref="Catalog.SocketSlot.Result"/>.</summary>
    public int SocketSlot { get; }

    public ResultConvention Result { get; }

    /// <summary>A native entry point (P/Invoke or known binding): cannot throw a managed exception we track.</summary>
    public bool IsNative { get; }

    public bool IsApi => Kind != ApiKind.None;

    /// <summary>The parameter ordinal that plays <paramref name="role"/>, or -1.</summary>
    public int OrdinalOf(ArgumentRole role)
    {
        foreach (var (r, ordinal) in roles)
        {
            if (r == role)
            {
                return ordinal;
            }
        }

        return -1;
    }

    /// <summary>The argument of a call to this method that plays <paramref name="role"/> (null when none does).</summary>
    public IOperation? Argument(IInvocationOperation invocation, ArgumentRole role)
        => OrdinalOf(role) is var ordinal and >= 0 ? Arguments.Get(invocation, ordinal) : null;
}
