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

    // The public key tokens Microsoft signs the framework and its own packages with.
    private static readonly ImmutableArray<ImmutableArray<byte>> MicrosoftKeyTokens = new[]
    {
        "b77a5c561934e089", "b03f5f7f11d50a3a", "31bf3856ad364e35", "cc7b13ffcd2ddd51", "7cec85d7bea7798e", "adb9793829ddae60",
    }.Select(hex => Enumerable.Range(0, hex.Length / 2).Select(i => Convert.ToByte(hex.Substring(i * 2, 2), 16)).ToImmutableArray()).ToImmutableArray();

    /// <summary>
    /// Is the assembly signed with one of Microsoft's keys (the framework, the reference packs)? Such an assembly declares
    /// none of the binding types above and none of the contract attributes: the activity check does not read its type
    /// table, which would otherwise be computed for every one of a project's framework references.
    /// </summary>
    public static bool IsMicrosoftSigned(AssemblyIdentity identity)
    {
        var token = identity.PublicKeyToken;
        foreach (var known in MicrosoftKeyTokens)
        {
            if (token.SequenceEqual(known))
            {
                return true;
            }
        }

        return false;
    }

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
