// Expect: SSX001
// Why: SSX001 with summaries: ConnectOrThrow -> ConnectCore connects the socket two calls deep, so the later WSASetSocketSecurity on the same socket is after connect (C-SEC-1).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Litware.Chat.Client
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct sockaddr_in
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public long sin_zero;
    }

    internal static class Ws2
    {
        public const int SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int connect(IntPtr s, ref sockaddr_in name, int namelen);

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSASetSocketSecurity(IntPtr Socket, IntPtr SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);
    }

    internal sealed class ChatConnection
    {
        public IntPtr Socket { get; private set; }

        public void Open(sockaddr_in server)
        {
            IntPtr s = Ws2.WSASocketW(2, 1, 6, IntPtr.Zero, 0, 0);
            ConnectOrThrow(s, server);

            if ({|SSX001:Ws2.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} == Ws2.SOCKET_ERROR)
                throw new SocketException(Ws2.WSAGetLastError());
            Socket = s;
        }

        private static void ConnectOrThrow(IntPtr s, sockaddr_in server)
        {
            int rc = ConnectCore(s, ref server);
            if (rc == Ws2.SOCKET_ERROR)
                throw new SocketException(Ws2.WSAGetLastError());
        }

        private static int ConnectCore(IntPtr s, ref sockaddr_in server)
            => Ws2.connect(s, ref server, Marshal.SizeOf<sockaddr_in>());
    }
}
