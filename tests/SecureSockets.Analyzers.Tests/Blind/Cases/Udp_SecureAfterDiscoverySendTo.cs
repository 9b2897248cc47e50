// Expect: SSX001
// Why: Precision 15 / C-SEC-3 ("a send-to binds the socket implicitly: securing after it is SSX001"): the datagram socket sends its discovery probe before WSASetSocketSecurity.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Contoso.Discovery
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class Udp
    {
        public const int AF_INET = 2, SOCK_DGRAM = 2, IPPROTO_UDP = 17, SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int sendto(IntPtr s, byte[] buf, int len, int flags, ref SOCKADDR_IN to, int tolen);

        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr overlapped, IntPtr completion);
    }

    public sealed class NodeDiscovery
    {
        private static readonly byte[] Probe = Encoding.ASCII.GetBytes("CONTOSO-DISCOVER/1.0");

        public IntPtr ProbeAndSecure(SOCKADDR_IN multicastGroup)
        {
            IntPtr s = Udp.WSASocketW(Udp.AF_INET, Udp.SOCK_DGRAM, Udp.IPPROTO_UDP, IntPtr.Zero, 0, 0);

            // The probe itself is public information; secure the socket for the follow-up exchange.
            if (Udp.sendto(s, Probe, Probe.Length, 0, ref multicastGroup, Marshal.SizeOf<SOCKADDR_IN>()) == Udp.SOCKET_ERROR)
                throw new Win32Exception(Udp.WSAGetLastError(), "sendto");

            if ({|SSX001:Udp.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} == Udp.SOCKET_ERROR)
                throw new Win32Exception(Udp.WSAGetLastError(), "WSASetSocketSecurity");

            return s;
        }
    }
}
