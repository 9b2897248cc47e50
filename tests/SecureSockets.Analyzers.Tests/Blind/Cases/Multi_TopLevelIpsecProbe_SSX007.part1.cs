// Companion of Multi_TopLevelIpsecProbe_SSX007: the tool's P/Invoke declarations (module names in capitals, without and with ".dll").
using System;
using System.Net;
using System.Runtime.InteropServices;

namespace RedTeam.IpsecProbe
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class SockAddr
    {
        internal static SOCKADDR_IN Create(IPAddress address, ushort port)
        {
            byte[] bytes = address.GetAddressBytes();
            return new SOCKADDR_IN
            {
                sin_family = Native.AF_INET,
                sin_port = (ushort)IPAddress.HostToNetworkOrder((short)port),
                sin_addr = BitConverter.ToUInt32(bytes, 0),
            };
        }
    }

    internal static class Native
    {
        internal const short AF_INET = 2;
        internal const int SOCK_STREAM = 1, IPPROTO_TCP = 6;
        internal static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("WS2_32", SetLastError = true)]
        internal static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);

        [DllImport("WS2_32", SetLastError = true)]
        internal static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);

        [DllImport("WS2_32", SetLastError = true)]
        internal static extern int send(IntPtr s, byte[] buf, int len, int flags);

        [DllImport("WS2_32", SetLastError = true)]
        internal static extern int recv(IntPtr s, byte[] buf, int len, int flags);

        [DllImport("WS2_32")]
        internal static extern int closesocket(IntPtr s);

        [DllImport("WS2_32")]
        internal static extern int WSAGetLastError();

        [DllImport("FWPUCLNT.DLL", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr Socket, IntPtr SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);

        [DllImport("FWPUCLNT.DLL", SetLastError = true)]
        internal static extern int WSASetSocketPeerTargetName(IntPtr Socket, IntPtr PeerTargetName, uint PeerTargetNameLen, IntPtr Overlapped, IntPtr CompletionRoutine);
    }
}
