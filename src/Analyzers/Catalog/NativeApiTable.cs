using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace SecureSockets.Analyzers.Catalog;

/// <summary>
/// The native entry points the analyzer recognizes, keyed by entry point name (APIs are identified by entry point,
/// not only by the C# method name; A/W forms listed explicitly), with the modules that may export them.
/// </summary>
internal static class NativeApiTable
{
    internal enum Module { Winsock, Sspi, Thread }

    internal readonly struct Entry
    {
        public Entry(ApiKind kind, int socketSlot, ImmutableArray<(ArgumentRole, int)> roles, Module module)
        {
            Kind = kind;
            SocketSlot = socketSlot;
            Roles = roles;
            Module = module;
        }

        public ApiKind Kind { get; }
        public int SocketSlot { get; }

        /// <summary>The other arguments' roles, by parameter ordinal (the socket's is <see cref="SocketSlot"/>).</summary>
        public ImmutableArray<(ArgumentRole Role, int Ordinal)> Roles { get; }

        public Module Module { get; }
    }

    // WSAIoctl control codes, matched by value (C-SEC-10, C-TGT-7). Bindings type the code as uint or int.
    public const long SioSetSecurity = 0x980000C8;
    public const long SioSetPeerTargetName = 0x980000CA;

    // ioctlsocket's FIONBIO: a non-zero argument makes the socket non-blocking (C-IMP-2).
    public const long Fionbio = 0x8004667E;

    // Families and types the secure socket APIs take (C-SEC-5, C-TGT-6, C-IMP-7); the managed enums have the same values.
    public const double AfInet = 2, AfInet6 = 23, SockStream = 1, SockDgram = 2;

    // WSASocket's WSA_FLAG_OVERLAPPED.
    public const long WsaFlagOverlapped = 0x01;

    private static readonly Dictionary<string, Entry> Entries = Build();

    private static Dictionary<string, Entry> Build()
    {
        var d = new Dictionary<string, Entry>(StringComparer.Ordinal);
        void Add(ApiKind kind, int slot, (ArgumentRole, int)[] roles, Module module, params string[] names)
        {
            foreach (var n in names)
            {
                d[n] = new Entry(kind, slot, roles.ToImmutableArray(), module);
            }
        }

        var none = Array.Empty<(ArgumentRole, int)>();
        Add(ApiKind.CreateFresh, SocketSlot.Result, new[] { (ArgumentRole.Family, 0), (ArgumentRole.Type, 1), (ArgumentRole.Protocol, 2) }, Module.Winsock, "socket");
        Add(ApiKind.CreateFresh, SocketSlot.Result, new[] { (ArgumentRole.Family, 0), (ArgumentRole.Type, 1), (ArgumentRole.Protocol, 2), (ArgumentRole.Flags, 5) }, Module.Winsock, "WSASocket", "WSASocketA", "WSASocketW");
        Add(ApiKind.CreateConnected, SocketSlot.Result, new[] { (ArgumentRole.ListeningSocket, 0) }, Module.Winsock, "accept", "WSAAccept");
        Add(ApiKind.AcceptInto, 1, new[] { (ArgumentRole.ListeningSocket, 0), (ArgumentRole.AcceptSocket, 1) }, Module.Winsock, "AcceptEx");
        Add(ApiKind.Bind, 0, none, Module.Winsock, "bind");
        Add(ApiKind.Listen, 0, none, Module.Winsock, "listen");
        Add(ApiKind.Connect, 0, none, Module.Winsock, "connect", "WSAConnect", "WSAConnectByName", "WSAConnectByNameA", "WSAConnectByNameW", "WSAConnectByList");
        Add(ApiKind.SendTo, 0, new[] { (ArgumentRole.Address, 4) }, Module.Winsock, "sendto");
        Add(ApiKind.SendTo, 0, new[] { (ArgumentRole.Address, 5) }, Module.Winsock, "WSASendTo");
        Add(ApiKind.Close, 0, none, Module.Winsock, "closesocket");
        Add(ApiKind.SocketMode, 0, new[] { (ArgumentRole.Code, 1), (ArgumentRole.Mode, 2) }, Module.Winsock, "ioctlsocket");
        Add(ApiKind.NonBlocking, 0, none, Module.Winsock, "WSAEventSelect", "WSAAsyncSelect");
        Add(ApiKind.Secure, 0, new[] { (ArgumentRole.Settings, 1), (ArgumentRole.SettingsLength, 2) }, Module.Winsock, "WSASetSocketSecurity");
        Add(ApiKind.TargetName, 0, new[] { (ArgumentRole.TargetName, 1), (ArgumentRole.TargetNameLength, 2) }, Module.Winsock, "WSASetSocketPeerTargetName");

        // The input buffer is the settings or the target name, as the code says (C-SEC-10, C-TGT-7).
        Add(ApiKind.Ioctl, 0, new[] { (ArgumentRole.Code, 1), (ArgumentRole.Settings, 2), (ArgumentRole.SettingsLength, 3), (ArgumentRole.TargetName, 2), (ArgumentRole.TargetNameLength, 3) }, Module.Winsock, "WSAIoctl");
        Add(ApiKind.PeerImpersonate, 0, new[] { (ArgumentRole.PeerAddress, 1), (ArgumentRole.PeerAddressLength, 2) }, Module.Winsock, "WSAImpersonateSocketPeer");
        Add(ApiKind.PeerRevert, SocketSlot.None, none, Module.Winsock, "WSARevertImpersonation");
        Add(ApiKind.SspiImpersonate, SocketSlot.None, new[] { (ArgumentRole.Context, 0) }, Module.Sspi, "ImpersonateSecurityContext");
        Add(ApiKind.SspiRevert, SocketSlot.None, new[] { (ArgumentRole.Context, 0) }, Module.Sspi, "RevertSecurityContext");
        Add(ApiKind.AcceptContext, SocketSlot.None, new[] { (ArgumentRole.Context, 1), (ArgumentRole.NewContext, 5) }, Module.Sspi, "AcceptSecurityContext");
        Add(ApiKind.InitializeContext, SocketSlot.None, new[] { (ArgumentRole.Context, 1), (ArgumentRole.NewContext, 8) }, Module.Sspi, "InitializeSecurityContext", "InitializeSecurityContextA", "InitializeSecurityContextW");
        Add(ApiKind.QueryContextToken, SocketSlot.None, new[] { (ArgumentRole.Context, 0) }, Module.Sspi, "QuerySecurityContextToken");
        Add(ApiKind.ThreadRevert, SocketSlot.None, none, Module.Thread, "RevertToSelf", "SetThreadToken");
        return d;
    }

    public static bool TryGet(string entryPoint, out Entry entry) => Entries.TryGetValue(entryPoint, out entry);

    /// <summary>The entry points of the given kinds (a P/Invoke named after its entry point is called by that name).</summary>
    public static IEnumerable<string> NamesOf(Func<ApiKind, bool> kinds)
    {
        foreach (var pair in Entries)
        {
            if (kinds(pair.Value.Kind))
            {
                yield return pair.Key;
            }
        }
    }

    /// <summary>Names whose presence in a compilation wakes the analyzer: the secure-socket and SSPI entry points.</summary>
    public static bool IsWakeName(string name) =>
        name.IndexOf("SocketSecurity", StringComparison.Ordinal) >= 0
        || name.IndexOf("PeerTargetName", StringComparison.Ordinal) >= 0
        || name.IndexOf("Impersonat", StringComparison.Ordinal) >= 0
        || name.IndexOf("RevertSecurityContext", StringComparison.Ordinal) >= 0
        || name.IndexOf("WSAIoctl", StringComparison.Ordinal) >= 0;

    /// <summary>Does a DllImport/LibraryImport module name (any case, with or without .dll) export this group?</summary>
    public static bool ModuleMatches(string? moduleName, Module module)
    {
        if (moduleName is null)
        {
            return false;
        }

        var m = moduleName.Trim();
        var slash = Math.Max(m.LastIndexOf('/'), m.LastIndexOf('\\'));
        if (slash >= 0)
        {
            m = m.Substring(slash + 1);
        }

        if (m.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            m = m.Substring(0, m.Length - 4);
        }

        switch (module)
        {
            case Module.Winsock:
                return Is(m, "ws2_32") || Is(m, "fwpuclnt") || Is(m, "mswsock");
            case Module.Sspi:
                return Is(m, "secur32") || Is(m, "sspicli") || Is(m, "security");
            default:
                return Is(m, "advapi32") || Is(m, "kernelbase");
        }

        static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
