using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Catalog;

/// <summary>Types the catalog knows by full name: binding libraries and the BCL's managed sockets.</summary>
internal static class KnownTypes
{
    /// <summary>CsWin32, Vanara and TerraFX binding types, matched by full name: a project's own class named Secur32 is not Vanara's.</summary>
    public static readonly string[] BindingTypes =
    {
        "Windows.Win32.PInvoke",
        "Vanara.PInvoke.Ws2_32",
        "Vanara.PInvoke.FwpUClnt",
        "Vanara.PInvoke.Secur32",
        "Vanara.PInvoke.AdvApi32",
        "TerraFX.Interop.Windows.Windows",
    };

    public static bool IsFrameworkAssembly(string name) =>
        name == "System" || name == "mscorlib" || name == "netstandard" || name == "WindowsBase"
        || name.StartsWith("System.", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.", StringComparison.Ordinal);

    // The keys Microsoft signs the framework, the reference packs and its own packages with: the public key token, then the
    // full public key. An identity that carries its full key is compared by the key, so that no token is computed (hashing
    // one would load the platform's cryptography into the compiler process).
    private static readonly (string Token, string Key)[] MicrosoftKeys =
    {
        ("b77a5c561934e089",
            "00000000000000000400000000000000"),
        ("b03f5f7f11d50a3a",
            "002400000480000094000000060200000024000052534131000400000100010007d1fa57c4aed9f0a32e84aa0faefd0de9e8fd6aec8f87fb03766c834c99921eb23be79ad9d5dcc1dd9ad23613210290"
            + "0b723cf980957fc4e177108fc607774f29e8320e92ea05ece4e821c0a5efe8f1645c4c0c93c1ab99285d622caa652c1dfad63d745d6f2de5f17e5eaf0fc4963d261c8a12436518206dc093344d5ad293"),
        ("31bf3856ad364e35",
            "0024000004800000940000000602000000240000525341310004000001000100b5fc90e7027f67871e773a8fde8938c81dd402ba65b9201d60593e96c492651e889cc13f1415ebb53fac1131ae0bd333"
            + "c5ee6021672d9718ea31a8aebd0da0072f25d87dba6fc90ffd598ed4da35e44c398c454307e8e33b8426143daec9f596836f97c8f74750e5975c64e2189f45def46b2a2b1247adc3652bf5c308055da9"),
        ("cc7b13ffcd2ddd51",
            "00240000048000009400000006020000002400005253413100040000010001004b86c4cb78549b34bab61a3b1800e23bfeb5b3ec390074041536a7e3cbd97f5f04cf0f857155a8928eaa29ebfd11cfbb"
            + "ad3ba70efea7bda3226c6a8d370a4cd303f714486b6ebc225985a638471e6ef571cc92a4613c00b8fa65d61ccee0cbe5f36330c9a01f4183559f1bef24cc2917c6d913e3a541333a1d05d9bed22b38cb"),
        ("7cec85d7bea7798e",
            "00240000048000009400000006020000002400005253413100040000010001008d56c76f9e8649383049f383c44be0ec204181822a6c31cf5eb7ef486944d032188ea1d3920763712ccb12d75fb77e98"
            + "11149e6148e5d32fbaab37611c1878ddc19e20ef135d0cb2cff2bfec3d115810c3d9069638fe4be215dbf795861920e5ab6f7db2e2ceef136ac23d5dd2bf031700aec232f6c6b1c785b4305c123b37ab"),
        ("adb9793829ddae60",
            "0024000004800000940000000602000000240000525341310004000001000100f33a29044fa9d740c9b3213a93e57c84b472c84e0b8a0e1ae48e67a9f8f6de9d5f7f3d52ac23e48ac51801f1dc950abe"
            + "901da34d2a9e3baadb141a17c77ef3c565dd5ee5054b91cf63bb3c6ab83f72ab3aafe93d0fc3c2348b764fafb0b1c0733de51459aeab46580384bf9d74c4e28164b7cde247f891ba07891c9d872ad2bb"),
    };

    /// <summary>
    /// Is the assembly signed with one of Microsoft's keys (the framework, the reference packs)? Such an assembly declares
    /// none of the binding types above and none of the contract attributes: the activity check does not read its type
    /// table, which would otherwise be computed for every one of a project's framework references.
    /// </summary>
    public static bool IsMicrosoftSigned(AssemblyIdentity identity)
    {
        foreach (var (token, key) in MicrosoftKeys)
        {
            if (identity.HasPublicKey ? SameBytes(identity.PublicKey, key) : SameBytes(identity.PublicKeyToken, token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Do the bytes spell the hex string (read in place: the check runs in every compilation's start, cold too)?</summary>
    private static bool SameBytes(ImmutableArray<byte> bytes, string hex)
    {
        if (bytes.Length * 2 != hex.Length)
        {
            return false;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (HexDigit(hex[2 * i]) << 4 | HexDigit(hex[(2 * i) + 1])))
            {
                return false;
            }
        }

        return true;
    }

    private static int HexDigit(char c) => c <= '9' ? c - '0' : c - 'a' + 10;

    public static bool IsBindingType(INamedTypeSymbol type)
    {
        foreach (var full in BindingTypes)
        {
            if (HasFullName(type, full))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Compares a type's full metadata name without allocating a display string.</summary>
    public static bool HasFullName(INamedTypeSymbol type, string fullName)
    {
        if (type.ContainingType is not null)
        {
            return false;
        }

        var lastDot = fullName.LastIndexOf('.');
        var name = type.MetadataName;
        if (name.Length != fullName.Length - lastDot - 1 || string.CompareOrdinal(name, 0, fullName, lastDot + 1, name.Length) != 0)
        {
            return false;
        }

        return NamespaceIs(type.ContainingNamespace, fullName, lastDot);
    }

    /// <summary>Is the type a top-level type of the namespace <paramref name="parts"/> (outermost first)? Asked per call: no string is built.</summary>
    public static bool IsInNamespace(INamedTypeSymbol type, params string[] parts)
    {
        if (type.ContainingType is not null)
        {
            return false;
        }

        var ns = type.ContainingNamespace;
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            if (ns is null || ns.IsGlobalNamespace || !string.Equals(ns.Name, parts[i], StringComparison.Ordinal))
            {
                return false;
            }

            ns = ns.ContainingNamespace;
        }

        return ns is null || ns.IsGlobalNamespace;
    }

    private static readonly string[] SystemNetSockets = { "System", "Net", "Sockets" };

    private static bool NamespaceIs(INamespaceSymbol? ns, string fullName, int end)
    {
        // Walk namespaces from the innermost outwards, matching the dotted prefix right to left.
        while (end > 0)
        {
            if (ns is null || ns.IsGlobalNamespace)
            {
                return false;
            }

            var start = fullName.LastIndexOf('.', end - 1) + 1;
            if (string.CompareOrdinal(ns.Name, 0, fullName, start, end - start) != 0 || ns.Name.Length != end - start)
            {
                return false;
            }

            ns = ns.ContainingNamespace;
            end = start - 1;
        }

        return ns is null || ns.IsGlobalNamespace;
    }

    public static bool IsSystemNetSockets(INamedTypeSymbol? type, string name)
        => type is not null && type.Name == name && type.ContainingType is null && IsInNamespace(type, SystemNetSockets);

    /// <summary>A managed socket owner: Socket, TcpClient, UdpClient or TcpListener.</summary>
    public static bool IsManagedSocketType(ITypeSymbol? type)
        => type is INamedTypeSymbol t
           && (IsSystemNetSockets(t, "Socket") || IsSystemNetSockets(t, "TcpClient") || IsSystemNetSockets(t, "UdpClient") || IsSystemNetSockets(t, "TcpListener"));

    public static ApiMethod ClassifyManaged(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (method.IsStatic)
        {
            return ApiMethod.NotApi;
        }

        if (IsSystemNetSockets(type, "Socket"))
        {
            switch (method.Name)
            {
                case "Connect":
                case "ConnectAsync":
                case "BeginConnect":
                    return Managed(ApiKind.Connect);
                case "Bind":
                    return Managed(ApiKind.Bind);
                case "Listen":
                    return Managed(ApiKind.Listen);
                case "Accept":
                case "AcceptAsync":
                case "EndAccept":
                    return ReturnsSocket(method) ? ManagedResult(ApiKind.CreateConnected) : ApiMethod.NotApi;
                case "SendTo":
                case "SendToAsync":
                case "BeginSendTo":
                    return new ApiMethod(ApiKind.SendTo, SocketSlot.Receiver, Roles(method, (ArgumentRole.Address, new[] { "remoteEP", "remoteEndPoint", "e" })), ResultConvention.None, isNative: false);
                case "Close":
                case "Dispose":
                    return Managed(ApiKind.Close);
            }
        }
        else if (IsSystemNetSockets(type, "TcpClient"))
        {
            switch (method.Name)
            {
                case "Connect":
                case "ConnectAsync":
                case "BeginConnect":
                    return Managed(ApiKind.Connect);
                case "Close":
                case "Dispose":
                    return Managed(ApiKind.Close);
            }
        }
        else if (IsSystemNetSockets(type, "UdpClient"))
        {
            switch (method.Name)
            {
                case "Connect":
                    return Managed(ApiKind.Connect);
                case "Send":
                case "SendAsync":
                case "BeginSend":
                    var address = Roles(method, (ArgumentRole.Address, new[] { "endPoint", "hostname", "remoteEP" }));
                    return !address.IsEmpty
                        ? new ApiMethod(ApiKind.SendTo, SocketSlot.Receiver, address, ResultConvention.None, isNative: false)
                        : ApiMethod.NotApi;
                case "Close":
                case "Dispose":
                    return Managed(ApiKind.Close);
            }
        }
        else if (IsSystemNetSockets(type, "TcpListener"))
        {
            switch (method.Name)
            {
                case "Start":
                    return Managed(ApiKind.BindAndListen);
                case "AcceptSocket":
                case "AcceptSocketAsync":
                case "AcceptTcpClient":
                case "AcceptTcpClientAsync":
                case "EndAcceptSocket":
                case "EndAcceptTcpClient":
                    return ManagedResult(ApiKind.CreateConnected);
                case "Stop":
                case "Dispose":
                    return Managed(ApiKind.Close);
            }
        }

        return ApiMethod.NotApi;

        static ApiMethod Managed(ApiKind kind) => new(kind, SocketSlot.Receiver, ImmutableArray<(ArgumentRole, int)>.Empty, ResultConvention.None, isNative: false);
        static ApiMethod ManagedResult(ApiKind kind) => new(kind, SocketSlot.Result, ImmutableArray<(ArgumentRole, int)>.Empty, ResultConvention.None, isNative: false);
    }

    /// <summary><c>Socket.Blocking</c>: setting it false makes the socket non-blocking (C-IMP-2).</summary>
    public static bool IsSocketBlockingProperty(IPropertySymbol property)
        => property.Name == "Blocking" && IsSystemNetSockets(property.ContainingType, "Socket");

    /// <summary>The socket type a managed owner always has: TcpClient and TcpListener stream, UdpClient datagram.</summary>
    public static double? ImpliedSocketType(ITypeSymbol? type) => type switch
    {
        INamedTypeSymbol t when IsSystemNetSockets(t, "TcpClient") || IsSystemNetSockets(t, "TcpListener") => NativeApiTable.SockStream,
        INamedTypeSymbol t when IsSystemNetSockets(t, "UdpClient") => NativeApiTable.SockDgram,
        _ => null,
    };

    public static ApiMethod ClassifyManagedConstructor(IMethodSymbol ctor)
    {
        var type = ctor.ContainingType;
        var ps = ctor.Parameters;
        if (IsSystemNetSockets(type, "Socket"))
        {
            // new Socket(SafeSocketHandle) / new Socket(SocketInformation) may wrap anything (unknown provenance is not proof).
            return ps.Any(p => p.Type.Name is "SafeSocketHandle" or "SocketInformation")
                ? ApiMethod.NotApi
                : Created(ApiKind.CreateFresh, Roles(ctor, (ArgumentRole.Family, new[] { "addressFamily" }), (ArgumentRole.Type, new[] { "socketType" }), (ArgumentRole.Protocol, new[] { "protocolType" })));
        }

        if (IsSystemNetSockets(type, "TcpClient"))
        {
            if (ps.Length == 2 && ps[0].Type.SpecialType == SpecialType.System_String)
            {
                return Created(ApiKind.CreateConnected);
            }

            return ps.Length == 1 && ps[0].Type.Name == "IPEndPoint"
                ? Created(ApiKind.CreateBound)
                : Created(ApiKind.CreateFresh, Roles(ctor, (ArgumentRole.Family, new[] { "family" })));
        }

        if (IsSystemNetSockets(type, "UdpClient"))
        {
            if (ps.Length == 2 && ps[0].Type.SpecialType == SpecialType.System_String)
            {
                return Created(ApiKind.CreateConnected);
            }

            return ps.Length >= 1 && (ps[0].Type.SpecialType == SpecialType.System_Int32 || ps[0].Type.Name == "IPEndPoint")
                ? Created(ApiKind.CreateBound)
                : Created(ApiKind.CreateFresh);
        }

        if (IsSystemNetSockets(type, "TcpListener"))
        {
            return Created(ApiKind.CreateFresh);
        }

        return ApiMethod.NotApi;

        static ApiMethod Created(ApiKind kind, ImmutableArray<(ArgumentRole, int)> roles = default)
            => new(kind, SocketSlot.Result, roles.IsDefault ? ImmutableArray<(ArgumentRole, int)>.Empty : roles, ResultConvention.None, isNative: false);
    }

    private static bool ReturnsSocket(IMethodSymbol method)
    {
        var t = method.ReturnType as INamedTypeSymbol;
        if (t is { IsGenericType: true, TypeArguments.Length: 1 } && t.Name is "Task" or "ValueTask")
        {
            t = t.TypeArguments[0] as INamedTypeSymbol;
        }

        return IsSystemNetSockets(t, "Socket");
    }

    /// <summary>The roles of a managed method's parameters, found by the parameter names its overloads use.</summary>
    internal static ImmutableArray<(ArgumentRole, int)> Roles(IMethodSymbol method, params (ArgumentRole Role, string[] Names)[] roles)
    {
        var found = ImmutableArray.CreateBuilder<(ArgumentRole, int)>();
        foreach (var (role, names) in roles)
        {
            foreach (var p in method.Parameters)
            {
                if (names.Contains(p.Name))
                {
                    found.Add((role, p.Ordinal));
                    break;
                }
            }
        }

        return found.ToImmutable();
    }
}
