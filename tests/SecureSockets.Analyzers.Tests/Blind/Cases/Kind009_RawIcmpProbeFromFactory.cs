// Expect: SSX009
// Why: SSX009 + C-SEC-5: the socket comes from a same-compilation factory (RULES precision 24 "sockets returned by a same-compilation method (a builder, a factory) come through its summary") that creates it SOCK_RAW (3) on every path; WSAIoctl(SIO_SET_SECURITY as int -1744830264) is the secure event (C-SEC-10), reported at the WSAIoctl call.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Tailspin.RedTeam.IcmpSweep
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class Raw
    {
        public const int AF_INET = 2, SOCK_RAW = 3, IPPROTO_ICMP = 1, SOCKET_ERROR = -1;
        public const int SIO_SET_SECURITY = -1744830264;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr socket(int af, int type, int protocol);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int WSAIoctl(IntPtr s, int dwIoControlCode, IntPtr lpvInBuffer, int cbInBuffer,
            IntPtr lpvOutBuffer, int cbOutBuffer, out int lpcbBytesReturned, IntPtr lpOverlapped, IntPtr lpCompletionRoutine);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int sendto(IntPtr s, byte[] buf, int len, int flags, ref SOCKADDR_IN to, int tolen);
        [DllImport("ws2_32.dll")]
        public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();
    }

    public sealed class IpsecIcmpSweeper
    {
        private static IntPtr OpenIcmpSocket()
        {
            IntPtr s = Raw.socket(Raw.AF_INET, Raw.SOCK_RAW, Raw.IPPROTO_ICMP);
            if (s == Raw.INVALID_SOCKET)
                throw new Win32Exception(Raw.WSAGetLastError(), "raw socket (run elevated)");
            return s;
        }

        public int Sweep(uint[] targetsNetworkOrder, ushort identifier)
        {
            IntPtr s = OpenIcmpSocket();
            try
            {
                // Ask for the domain IPsec policy so probes look like managed traffic.
                int rc = {|SSX009:Raw.WSAIoctl(s, Raw.SIO_SET_SECURITY, IntPtr.Zero, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero)|};
                if (rc == Raw.SOCKET_ERROR)
                    throw new Win32Exception(Raw.WSAGetLastError(), "SIO_SET_SECURITY");

                int sent = 0;
                ushort sequence = 0;
                foreach (uint target in targetsNetworkOrder)
                {
                    byte[] packet = BuildEchoRequest(identifier, sequence++);
                    var to = new SOCKADDR_IN { sin_family = Raw.AF_INET, sin_addr = target };
                    if (Raw.sendto(s, packet, packet.Length, 0, ref to, Marshal.SizeOf<SOCKADDR_IN>()) != Raw.SOCKET_ERROR)
                        sent++;
                }
                return sent;
            }
            finally
            {
                Raw.closesocket(s);
            }
        }

        private static byte[] BuildEchoRequest(ushort id, ushort seq)
        {
            var packet = new byte[16];
            packet[0] = 8; // ICMP echo request
            packet[4] = (byte)(id >> 8); packet[5] = (byte)id;
            packet[6] = (byte)(seq >> 8); packet[7] = (byte)seq;
            ushort checksum = Checksum(packet);
            packet[2] = (byte)(checksum >> 8); packet[3] = (byte)checksum;
            return packet;
        }

        private static ushort Checksum(byte[] data)
        {
            uint sum = 0;
            for (int i = 0; i < data.Length; i += 2)
                sum += (uint)((data[i] << 8) | (i + 1 < data.Length ? data[i + 1] : 0));
            while ((sum >> 16) != 0)
                sum = (sum & 0xFFFF) + (sum >> 16);
            return (ushort)~sum;
        }
    }
}
