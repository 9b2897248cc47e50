// Companion of Multi_WrapperCtorImpersonatesAccepted_none: Winsock and fwpuclnt P/Invoke (the peer-impersonation pair renamed through EntryPoint).
using System;
using System.Runtime.InteropServices;

namespace Woodgrove.Backup.Agent.Interop
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class Ws2
    {
        internal const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        internal static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int bind(IntPtr s, ref SOCKADDR_IN name, int namelen);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int listen(IntPtr s, int backlog);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int recv(IntPtr s, byte[] buf, int len, int flags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int send(IntPtr s, byte[] buf, int len, int flags);

        [DllImport("ws2_32.dll")]
        internal static extern int closesocket(IntPtr s);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    internal static class FwpNative
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr socket, IntPtr securitySettings, uint securitySettingsLen, IntPtr overlapped, IntPtr completionRoutine);

        [DllImport("fwpuclnt.dll", EntryPoint = "WSAImpersonateSocketPeer", SetLastError = true)]
        internal static extern int ImpersonatePeerNative(IntPtr socket, IntPtr peerAddr, uint peerAddrLen);

        [DllImport("fwpuclnt.dll", EntryPoint = "WSARevertImpersonation", SetLastError = true)]
        internal static extern int RevertImpersonationNative();
    }
}
