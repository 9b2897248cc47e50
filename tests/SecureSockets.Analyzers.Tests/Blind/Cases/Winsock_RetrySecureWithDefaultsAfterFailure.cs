// Expect: SSX015
// Why: Precision 16 ("a second WSASetSocketSecurity on a path where the first one's result shows failure (a retry) cannot be decided: silent"): encryption settings are tried first, the default policy only when that call failed; every failure still leaves before connect. SSX015 (added with that rule): the socket is secured on every path and connects with no peer target name set before (C-TGT-1).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Contoso.Sensors.Uplink
{
    internal enum SOCKET_SECURITY_PROTOCOL
    {
        SOCKET_SECURITY_PROTOCOL_DEFAULT,
        SOCKET_SECURITY_PROTOCOL_IPSEC,
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS
    {
        public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
        public uint SecurityFlags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static unsafe class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1, WSAEINVAL = 10022;
        public const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int connect(IntPtr s, SOCKADDR_IN* name, int namelen);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr s, SOCKET_SECURITY_SETTINGS* settings, uint len, IntPtr overlapped, IntPtr completion);
    }

    public static unsafe class UplinkConnector
    {
        public static IntPtr Connect(SOCKADDR_IN server)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);

            var settings = new SOCKET_SECURITY_SETTINGS
            {
                SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_DEFAULT,
                SecurityFlags = Native.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION,
            };

            int rc = Native.WSASetSocketSecurity(s, &settings, (uint)sizeof(SOCKET_SECURITY_SETTINGS), IntPtr.Zero, IntPtr.Zero);
            if (rc == Native.SOCKET_ERROR)
            {
                int error = Native.WSAGetLastError();
                if (error != Native.WSAEINVAL)
                    throw new SocketException(error);

                // Old policy store: encryption flag not understood, fall back to the default policy (still IPsec).
                if (Native.WSASetSocketSecurity(s, null, 0, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                    throw new SocketException(Native.WSAGetLastError());
            }

            if ({|SSX015:Native.connect(s, &server, sizeof(SOCKADDR_IN))|} == Native.SOCKET_ERROR)
                throw new SocketException(Native.WSAGetLastError());

            return s;
        }
    }
}
