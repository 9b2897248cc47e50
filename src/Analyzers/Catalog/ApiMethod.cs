namespace SecureSockets.Analyzers.Catalog;

/// <summary>Where the socket of a call is: an argument index, the receiver, or the returned value.</summary>
internal static class SocketSlot
{
    public const int None = -3;
    public const int Result = -2;
    public const int Receiver = -1;
}

/// <summary>How a recognized method reports success (RULES.md "Results").</summary>
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
    public static readonly ApiMethod NotApi = new(ApiKind.None, Catalog.SocketSlot.None, -1, ResultConvention.None, isNative: false);

    public ApiMethod(ApiKind kind, int socketSlot, int addressArgument, ResultConvention result, bool isNative)
    {
        Kind = kind;
        SocketSlot = socketSlot;
        AddressArgument = addressArgument;
        Result = result;
        IsNative = isNative;
    }

    public ApiKind Kind { get; }

    /// <summary>Argument index of the socket, or <see cref="Catalog.SocketSlot.Receiver"/> / <see cref="Catalog.SocketSlot.Result"/>.</summary>
    public int SocketSlot { get; }

    /// <summary>Send-to destination or target-name structure argument (-1 when none).</summary>
    public int AddressArgument { get; }

    public ResultConvention Result { get; }

    /// <summary>A native entry point (P/Invoke or known binding): cannot throw a managed exception we track.</summary>
    public bool IsNative { get; }

    public bool IsApi => Kind != ApiKind.None;
}
