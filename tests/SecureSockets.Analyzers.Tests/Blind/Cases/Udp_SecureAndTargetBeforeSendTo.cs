// Expect: clean
// Why: C-SEC-3 / C-TGT-3 for a connectionless socket (Precision 15): WSASetSocketSecurity right after WSASocketW and WSASetSocketPeerTargetName for the peer's address before the first sendto to it; every failure throws.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Contoso.Discovery
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct SOCKET_PEER_TARGET_NAME
    {
        public int SecurityProtocol;
        public SOCKADDR_IN PeerAddress;          // first 16 bytes of the SOCKADDR_STORAGE
        public fixed byte PeerAddressPadding[112];
        public uint PeerTargetNameStringLen;
        public fixed char AllStrings[256];
    }

    internal static unsafe class Udp
    {
        public const int AF_INET = 2, SOCK_DGRAM = 2, IPPROTO_UDP = 17, SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int sendto(IntPtr s, byte[] buf, int len, int flags, ref SOCKADDR_IN to, int tolen);

        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr s, void* settings, uint len, void* overlapped, void* completion);

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketPeerTargetName(IntPtr s, SOCKET_PEER_TARGET_NAME* target, uint len, void* overlapped, void* completion);
    }

    public sealed unsafe class SecureAnnouncer
    {
        public IntPtr Announce(uint peerAddress, ushort peerPort, string peerSpn, string message)
        {
            IntPtr s = Udp.WSASocketW(Udp.AF_INET, Udp.SOCK_DGRAM, Udp.IPPROTO_UDP, IntPtr.Zero, 0, 0);
            if (Udp.WSASetSocketSecurity(s, null, 0, null, null) == Udp.SOCKET_ERROR)
                throw new Win32Exception(Udp.WSAGetLastError(), "WSASetSocketSecurity");

            SOCKADDR_IN peer = new SOCKADDR_IN { sin_family = Udp.AF_INET, sin_port = peerPort, sin_addr = peerAddress };

            SOCKET_PEER_TARGET_NAME target = default;
            target.PeerAddress = peer;
            target.PeerTargetNameStringLen = (uint)(peerSpn.Length * sizeof(char));
            for (int i = 0; i < peerSpn.Length && i < 256; i++)
                target.AllStrings[i] = peerSpn[i];

            if (Udp.WSASetSocketPeerTargetName(s, &target, (uint)sizeof(SOCKET_PEER_TARGET_NAME), null, null) == Udp.SOCKET_ERROR)
                throw new Win32Exception(Udp.WSAGetLastError(), "WSASetSocketPeerTargetName");

            byte[] payload = Encoding.UTF8.GetBytes(message);
            if (Udp.sendto(s, payload, payload.Length, 0, ref peer, sizeof(SOCKADDR_IN)) == Udp.SOCKET_ERROR)
                throw new Win32Exception(Udp.WSAGetLastError(), "sendto");

            return s;
        }
    }
}
