// Expect: clean
// Why: C-SEC-2 order (secure right after WSASocketW, before bind/listen) with the failure tested by `== SOCKET_ERROR` and leaving by throw (SSX001/SSX007 silent, Precision 6).
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;

namespace SecureEcho.Server
{
    internal enum SOCKET_SECURITY_PROTOCOL
    {
        SOCKET_SECURITY_PROTOCOL_DEFAULT,
        SOCKET_SECURITY_PROTOCOL_IPSEC,
        SOCKET_SECURITY_PROTOCOL_IPSEC2,
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS
    {
        public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
        public uint SecurityFlags;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_IN6
    {
        public short sin6_family;
        public ushort sin6_port;
        public uint sin6_flowinfo;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 16)] public byte[] sin6_addr;
        public uint sin6_scope_id;
    }

    internal static class NativeMethods
    {
        internal const int AF_INET6 = 23, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        internal const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;
        internal static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int bind(IntPtr s, ref SOCKADDR_IN6 name, int namelen);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int listen(IntPtr s, int backlog);

        [DllImport("ws2_32.dll")]
        internal static extern int closesocket(IntPtr s);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();

        [DllImport("Fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr socket, ref SOCKET_SECURITY_SETTINGS securitySettings,
            uint securitySettingsLen, IntPtr overlapped, IntPtr completionRoutine);
    }

    public sealed class SecureListener
    {
        private IntPtr _listenSocket = NativeMethods.INVALID_SOCKET;

        public void Start(int port, bool requireEncryption)
        {
            IntPtr s = NativeMethods.WSASocketW(NativeMethods.AF_INET6, NativeMethods.SOCK_STREAM, NativeMethods.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == NativeMethods.INVALID_SOCKET)
                throw new Win32Exception(NativeMethods.WSAGetLastError());

            var settings = new SOCKET_SECURITY_SETTINGS
            {
                SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_DEFAULT,
                SecurityFlags = requireEncryption ? NativeMethods.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION : 0u,
            };

            if (NativeMethods.WSASetSocketSecurity(s, ref settings, (uint)Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>(), IntPtr.Zero, IntPtr.Zero) == NativeMethods.SOCKET_ERROR)
            {
                int error = NativeMethods.WSAGetLastError();
                NativeMethods.closesocket(s);
                throw new Win32Exception(error, "WSASetSocketSecurity failed");
            }

            var address = new SOCKADDR_IN6
            {
                sin6_family = NativeMethods.AF_INET6,
                sin6_port = (ushort)IPAddress.HostToNetworkOrder((short)port),
                sin6_addr = new byte[16],
            };

            if (NativeMethods.bind(s, ref address, Marshal.SizeOf<SOCKADDR_IN6>()) == NativeMethods.SOCKET_ERROR ||
                NativeMethods.listen(s, 128) == NativeMethods.SOCKET_ERROR)
            {
                int error = NativeMethods.WSAGetLastError();
                NativeMethods.closesocket(s);
                throw new Win32Exception(error);
            }

            _listenSocket = s;
        }
    }
}
