// Companion of Multi_RecordBaseCallSecures_none: Winsock and IPsec P/Invoke (the IPsec ones renamed through EntryPoint, module names without ".dll").
using System;
using System.Runtime.InteropServices;

namespace Litware.Telemetry.Uplink.Interop
{
    [StructLayout(LayoutKind.Sequential)]
    public struct sockaddr_in
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public long sin_zero;
    }

    internal static class Ws2_32
    {
        internal const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        internal static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32", SetLastError = true)]
        internal static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);

        [DllImport("ws2_32", SetLastError = true)]
        internal static extern int connect(IntPtr s, ref sockaddr_in name, int namelen);

        [DllImport("ws2_32", SetLastError = true)]
        internal static extern int send(IntPtr s, byte[] buf, int len, int flags);

        [DllImport("ws2_32")]
        internal static extern int closesocket(IntPtr s);

        [DllImport("ws2_32")]
        internal static extern int WSAGetLastError();
    }

    internal static class FwpNative
    {
        [DllImport("fwpuclnt", EntryPoint = "WSASetSocketSecurity", SetLastError = true)]
        internal static extern int SetSecurity(IntPtr socket, IntPtr settings, uint settingsLength, IntPtr overlapped, IntPtr completion);

        [DllImport("fwpuclnt", EntryPoint = "WSASetSocketPeerTargetName", SetLastError = true)]
        internal static extern int SetPeerTargetName(IntPtr socket, IntPtr peerTargetName, uint peerTargetNameLength, IntPtr overlapped, IntPtr completion);
    }
}
