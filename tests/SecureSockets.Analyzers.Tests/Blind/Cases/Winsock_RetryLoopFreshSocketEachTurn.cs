// Expect: SSX015
// Why: SSX002 ("a loop that creates a new socket each turn is not a repeat") and SSX001 ("not reported when S was reassigned to a fresh socket in between"): the socket variable declared outside the loop is reassigned by WSASocketW before each WSASetSocketSecurity. SSX015 (added with that rule): the socket is secured on every path and connects with no peer target name set before (C-TGT-1).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;

namespace Contoso.Replication
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const int WSAETIMEDOUT = 10060, WSAECONNREFUSED = 10061;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);

        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);
    }

    public static class ResilientConnector
    {
        private const int MaxAttempts = 5;

        public static IntPtr ConnectWithRetry(SOCKADDR_IN endpoint)
        {
            IntPtr socket = Native.INVALID_SOCKET;
            int lastError = 0;

            for (int attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                socket = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                if (socket == Native.INVALID_SOCKET)
                    throw new SocketException(Native.WSAGetLastError());

                if (Native.WSASetSocketSecurity(socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                {
                    lastError = Native.WSAGetLastError();
                    Native.closesocket(socket);
                    throw new SocketException(lastError);
                }

                if ({|SSX015:Native.connect(socket, ref endpoint, Marshal.SizeOf<SOCKADDR_IN>())|} == 0)
                    return socket;

                lastError = Native.WSAGetLastError();
                Native.closesocket(socket);
                socket = Native.INVALID_SOCKET;

                if (lastError != Native.WSAETIMEDOUT && lastError != Native.WSAECONNREFUSED)
                    break;

                Thread.Sleep(TimeSpan.FromMilliseconds(200 * attempt));
            }

            throw new SocketException(lastError);
        }
    }
}
