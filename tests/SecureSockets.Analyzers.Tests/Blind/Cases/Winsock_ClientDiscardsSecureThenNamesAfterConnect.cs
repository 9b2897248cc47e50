// Expect: SSX006, SSX007, SSX015
// Why: two findings on one socket: WSASetSocketSecurity's result is discarded before the connect (SSX007, C-ALL-2) and WSASetSocketPeerTargetName follows the connect (SSX006, C-TGT-2). SSX015 (added with that rule): the socket is secured on every path and connects with no peer target name set before (C-TGT-1).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Contoso.Printing.Client
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

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);

        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr overlapped, IntPtr completion);

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketPeerTargetName(IntPtr s, IntPtr target, uint len, IntPtr overlapped, IntPtr completion);
    }

    public sealed class PrintServerConnection
    {
        public IntPtr Open(SOCKADDR_IN printServer, IntPtr encodedTargetName, uint targetNameLength)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            {|SSX007:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};

            if ({|SSX015:Native.connect(s, ref printServer, Marshal.SizeOf<SOCKADDR_IN>())|} == Native.SOCKET_ERROR)
                throw new SocketException(Native.WSAGetLastError());

            if ({|SSX006:Native.WSASetSocketPeerTargetName(s, encodedTargetName, targetNameLength, IntPtr.Zero, IntPtr.Zero)|} == Native.SOCKET_ERROR)
                throw new SocketException(Native.WSAGetLastError());

            return s;
        }
    }
}
