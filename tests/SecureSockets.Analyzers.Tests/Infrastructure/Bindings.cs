namespace SecureSockets.Analyzers.Tests.Infrastructure;

/// <summary>
/// The binding shapes users write, as test sources (RULES.md "What the analyzer must recognize").
/// Metadata-only shapes (CsWin32, Vanara, TerraFX) live in <see cref="BindingAssemblies"/>.
/// </summary>
public static class Bindings
{
    /// <summary>Hand-written [DllImport] externs, module names in every case and spelling.</summary>
    public const string DllImport = """
        public static class Native
        {
            public const int AF_INET = 2, SOCK_STREAM = 1, SOCK_DGRAM = 2, IPPROTO_TCP = 6, IPPROTO_UDP = 17;
            public const int SOCKET_ERROR = -1;
            public const uint SIO_SET_SECURITY = 0x980000C8;
            public const uint SIO_SET_PEER_TARGET_NAME = 0x980000CA;
            public const uint SIO_GET_EXTENSION_FUNCTION_POINTER = 0xC8000006;

            [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr socket(int af, int type, int protocol);
            [DllImport("Ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint group, uint flags);
            [DllImport("WS2_32", SetLastError = true)] public static extern int bind(IntPtr s, IntPtr name, int namelen);
            [DllImport("ws2_32")] public static extern int listen(IntPtr s, int backlog);
            [DllImport("WS2_32.DLL", SetLastError = true)] public static extern int connect(IntPtr s, IntPtr name, int namelen);
            [DllImport("ws2_32.dll")] public static extern int WSAConnect(IntPtr s, IntPtr name, int namelen, IntPtr callerData, IntPtr calleeData, IntPtr sqos, IntPtr gqos);
            [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);
            [DllImport("ws2_32.dll")] public static extern int sendto(IntPtr s, byte[] buf, int len, int flags, IntPtr to, int tolen);
            [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
            [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
            [DllImport("ws2_32.dll", SetLastError = true)] public static extern int WSAIoctl(IntPtr s, uint code, IntPtr inBuffer, int inLength, IntPtr outBuffer, int outLength, out int bytesReturned, IntPtr overlapped, IntPtr completion);
            [DllImport("Fwpuclnt.dll", SetLastError = true)] public static extern int WSASetSocketSecurity(IntPtr socket, IntPtr securitySettings, int securitySettingsLen, IntPtr overlapped, IntPtr completionRoutine);
            [DllImport("fwpuclnt", SetLastError = true)] public static extern int WSASetSocketPeerTargetName(IntPtr socket, IntPtr peerTargetName, int peerTargetNameLen, IntPtr overlapped, IntPtr completionRoutine);
            [DllImport("FWPUCLNT.DLL")] public static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, int peerAddrLen);
            [DllImport("fwpuclnt.dll")] public static extern int WSARevertImpersonation();
        }
        """;

    /// <summary>Renamed methods: the entry point decides (Precision 1).</summary>
    public const string EntryPointRenamed = """
        public static class Renamed
        {
            private const string Fwp = "fwpuclnt.dll";
            [DllImport(Fwp, EntryPoint = "WSASetSocketSecurity")] public static extern int ApplySecurity(IntPtr s, IntPtr settings, int len, IntPtr o, IntPtr c);
            [DllImport("ws2_32.dll", EntryPoint = "connect")] public static extern int NativeConnect(IntPtr s, IntPtr name, int namelen);
            [DllImport("fwpuclnt.dll", EntryPoint = "WSASetSocketPeerTargetName")] public static extern int NameThePeer(IntPtr s, IntPtr name, int len, IntPtr o, IntPtr c);
        }
        """;

    /// <summary>[LibraryImport] partials with the generated half written out (the testing library runs no generator).</summary>
    public const string LibraryImport = """
        public static partial class Interop
        {
            [LibraryImport("Fwpuclnt.dll", SetLastError = true)]
            public static partial int WSASetSocketSecurity(nint socket, nint securitySettings, uint securitySettingsLen, nint overlapped, nint completionRoutine);
            [LibraryImport("fwpuclnt.dll", EntryPoint = "WSASetSocketPeerTargetName")]
            public static partial int SetPeerTargetName(nint socket, nint peerTargetName, uint len, nint overlapped, nint completionRoutine);
            [LibraryImport("ws2_32.dll", SetLastError = true)]
            public static partial int connect(nint s, nint name, int namelen);
            [LibraryImport("ws2_32.dll", SetLastError = true)]
            public static partial int bind(nint s, nint name, int namelen);
            [LibraryImport("ws2_32.dll", SetLastError = true)]
            public static partial nint socket(int af, int type, int protocol);
        }

        public static partial class Interop
        {
            public static partial int WSASetSocketSecurity(nint socket, nint securitySettings, uint securitySettingsLen, nint overlapped, nint completionRoutine)
            {
                return __PInvoke(socket, securitySettings, securitySettingsLen, overlapped, completionRoutine);
                [DllImport("Fwpuclnt.dll", EntryPoint = "WSASetSocketSecurity", ExactSpelling = true)]
                static extern int __PInvoke(nint socket, nint securitySettings, uint securitySettingsLen, nint overlapped, nint completionRoutine);
            }

            public static partial int SetPeerTargetName(nint socket, nint peerTargetName, uint len, nint overlapped, nint completionRoutine)
            {
                return __PInvoke(socket, peerTargetName, len, overlapped, completionRoutine);
                [DllImport("fwpuclnt.dll", EntryPoint = "WSASetSocketPeerTargetName", ExactSpelling = true)]
                static extern int __PInvoke(nint socket, nint peerTargetName, uint len, nint overlapped, nint completionRoutine);
            }

            public static partial int connect(nint s, nint name, int namelen)
            {
                return __PInvoke(s, name, namelen);
                [DllImport("ws2_32.dll", EntryPoint = "connect", ExactSpelling = true)]
                static extern int __PInvoke(nint s, nint name, int namelen);
            }

            public static partial int bind(nint s, nint name, int namelen)
            {
                return __PInvoke(s, name, namelen);
                [DllImport("ws2_32.dll", EntryPoint = "bind", ExactSpelling = true)]
                static extern int __PInvoke(nint s, nint name, int namelen);
            }

            public static partial nint socket(int af, int type, int protocol)
            {
                return __PInvoke(af, type, protocol);
                [DllImport("ws2_32.dll", EntryPoint = "socket", ExactSpelling = true)]
                static extern nint __PInvoke(int af, int type, int protocol);
            }
        }
        """;

    /// <summary>Look-alikes that are not the APIs: a project's own method and an unrelated DLL.</summary>
    public const string LookAlikes = """
        public static class Fake
        {
            public static int WSASetSocketSecurity(IntPtr socket, IntPtr settings, int len, IntPtr o, IntPtr c) => 0;
            [DllImport("mynetlib.dll")] public static extern int WSASetSocketPeerTargetName(IntPtr socket, IntPtr name, int len, IntPtr o, IntPtr c);
            [DllImport("mynetlib.dll", EntryPoint = "WSASetSocketSecurity")] public static extern int Secure(IntPtr socket, IntPtr settings, int len, IntPtr o, IntPtr c);
        }
        """;

    /// <summary>WSAIoctl bound with the control code typed as <c>int</c> (C-SEC-10, C-TGT-7: matched by value, -1744830264 / -1744830262).</summary>
    public const string WSAIoctlIntCode = """
        public static class WinsockInt
        {
            public const int SIO_SET_SECURITY = -1744830264;
            public const int SIO_SET_PEER_TARGET_NAME = -1744830262;
            public const int SIO_GET_EXTENSION_FUNCTION_POINTER = -939524090;

            [DllImport("ws2_32.dll", SetLastError = true)] public static extern int WSAIoctl(IntPtr s, int code, IntPtr inBuffer, int inLength, IntPtr outBuffer, int outLength, out int bytesReturned, IntPtr overlapped, IntPtr completion);
        }
        """;

    /// <summary>A DllImport named WSASetSocketSecurity that binds an unrelated DLL: not the API.</summary>
    public const string UnrelatedDllSecure = """
        public static class OtherLib
        {
            [DllImport("mynetlib.dll", SetLastError = true)] public static extern int WSASetSocketSecurity(IntPtr socket, IntPtr settings, int len, IntPtr o, IntPtr c);
        }
        """;

    /// <summary>Enough of SOCKET_PEER_TARGET_NAME for Precision 15 (the PeerAddress a connectionless target name is for).</summary>
    public const string PeerTargetNameStruct = """
        [StructLayout(LayoutKind.Sequential)]
        public struct SOCKET_PEER_TARGET_NAME
        {
            public int SecurityProtocol;
            public IntPtr PeerAddress;
            public uint PeerTargetNameStringLen;
        }
        """;

    /// <summary>
    /// What the socket kind and state rules read (SSX009–SSX011, SSX015): WSASocket with flags, the families and types the
    /// secure socket APIs refuse, the calls that make a socket non-blocking, WSAAccept and AcceptEx.
    /// </summary>
    public const string SocketKinds = """
        public static class Ws
        {
            public const int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 23, AF_BTH = 32, AF_UNSPEC = 0;
            public const int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_SEQPACKET = 5;
            public const int IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_RAW = 255, BTHPROTO_RFCOMM = 3;
            public const uint WSA_FLAG_OVERLAPPED = 0x01, WSA_FLAG_NO_HANDLE_INHERIT = 0x80;
            public const int FIONBIO = unchecked((int)0x8004667E), FIONREAD = 0x4004667F;
            public const int FD_READ = 1, FD_ACCEPT = 8;

            [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr socket(int af, int type, int protocol);
            [DllImport("ws2_32.dll", SetLastError = true, CharSet = CharSet.Unicode)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint group, uint flags);
            [DllImport("ws2_32.dll", SetLastError = true, EntryPoint = "WSASocketW")] public static extern IntPtr CreateSocket(int af, int type, int protocol, IntPtr info, uint group, uint flags);
            [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, IntPtr name, int namelen);
            [DllImport("ws2_32.dll")] public static extern int listen(IntPtr s, int backlog);
            [DllImport("ws2_32.dll", SetLastError = true)] public static extern int connect(IntPtr s, IntPtr name, int namelen);
            [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);
            [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSAAccept(IntPtr s, IntPtr addr, IntPtr addrlen, IntPtr condition, IntPtr callbackData);
            [DllImport("mswsock.dll", SetLastError = true)] public static extern bool AcceptEx(IntPtr listenSocket, IntPtr acceptSocket, IntPtr outputBuffer, int receiveDataLength, int localAddressLength, int remoteAddressLength, out int bytesReceived, IntPtr overlapped);
            [DllImport("ws2_32.dll", SetLastError = true)] public static extern int recvfrom(IntPtr s, byte[] buf, int len, int flags, IntPtr from, ref int fromlen);
            [DllImport("ws2_32.dll", SetLastError = true)] public static extern int ioctlsocket(IntPtr s, int cmd, ref uint argp);
            [DllImport("ws2_32.dll", SetLastError = true)] public static extern int WSAEventSelect(IntPtr s, IntPtr hEventObject, int lNetworkEvents);
            [DllImport("ws2_32.dll", SetLastError = true)] public static extern int WSAAsyncSelect(IntPtr s, IntPtr hWnd, uint wMsg, int lEvent);
            [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
            [DllImport("fwpuclnt.dll", SetLastError = true)] public static extern int WSASetSocketSecurity(IntPtr socket, IntPtr securitySettings, int securitySettingsLen, IntPtr overlapped, IntPtr completionRoutine);
            [DllImport("fwpuclnt.dll", SetLastError = true)] public static extern int WSASetSocketPeerTargetName(IntPtr socket, IntPtr peerTargetName, int peerTargetNameLen, IntPtr overlapped, IntPtr completionRoutine);
            [DllImport("fwpuclnt.dll")] public static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, int peerAddrLen);
            [DllImport("fwpuclnt.dll")] public static extern int WSARevertImpersonation();
        }

        public static class OtherLibrary
        {
            [DllImport("netcore.dll")] public static extern int Prepare(IntPtr s);
        }
        """;

    /// <summary>The settings structures (C-SEC-7, C-SEC-8) and a secure call taking them by pointer, by ref and as a buffer.</summary>
    public const string SettingsShapes = """
        public enum SOCKET_SECURITY_PROTOCOL { SOCKET_SECURITY_PROTOCOL_DEFAULT, SOCKET_SECURITY_PROTOCOL_IPSEC, SOCKET_SECURITY_PROTOCOL_IPSEC2, SOCKET_SECURITY_PROTOCOL_INVALID }

        [StructLayout(LayoutKind.Sequential)]
        public struct SOCKET_SECURITY_SETTINGS { public SOCKET_SECURITY_PROTOCOL SecurityProtocol; public uint SecurityFlags; }

        [StructLayout(LayoutKind.Sequential)]
        public struct SOCKET_SECURITY_SETTINGS_IPSEC
        {
            public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
            public uint SecurityFlags;
            public uint IpsecFlags;
            public Guid AuthipMMPolicyKey;
            public Guid AuthipQMPolicyKey;
            public Guid Reserved;
            public ulong Reserved2;
            public uint UserNameStringLen;
            public uint DomainNameStringLen;
            public uint PasswordStringLen;
        }

        [StructLayout(LayoutKind.Sequential)]
        public struct SOCKET_PEER_TARGET_NAME { public SOCKET_SECURITY_PROTOCOL SecurityProtocol; public IntPtr PeerAddress; public uint PeerTargetNameStringLen; }

        public static unsafe class Sec
        {
            [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, int length, IntPtr o, IntPtr c);
            [DllImport("fwpuclnt.dll", EntryPoint = "WSASetSocketSecurity")] public static extern int SecureRef(IntPtr s, ref SOCKET_SECURITY_SETTINGS_IPSEC settings, uint length, IntPtr o, IntPtr c);
            [DllImport("fwpuclnt.dll", EntryPoint = "WSASetSocketSecurity")] public static extern int SecurePtr(IntPtr s, SOCKET_SECURITY_SETTINGS* settings, uint length, IntPtr o, IntPtr c);
            [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketPeerTargetName(IntPtr s, IntPtr name, int length, IntPtr o, IntPtr c);
        }
        """;
}
