// Expect: clean
// Why: SSX009 lists AF_INET6 as 23 (the Windows value) and SOCK_DGRAM (2) as supported (C-SEC-5, C-TGT-6). The datagram socket is secured right after WSASocketW (C-SEC-3) and each collector is named before its first sendto (C-TGT-3/4, precision 15); there is no connect, and SSX015 does not apply to SOCK_DGRAM anyway.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Relecloud.Telemetry.Fanout
{
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct SOCKADDR_IN6
    {
        public ushort sin6_family;
        public ushort sin6_port;
        public uint sin6_flowinfo;
        public ulong sin6_addr_lo;
        public ulong sin6_addr_hi;
        public uint sin6_scope_id;
    }

    internal static class Native
    {
        public const int AF_INET6 = 23, SOCK_DGRAM = 2, IPPROTO_UDP = 17, SOCKET_ERROR = -1;
        public const uint WSA_FLAG_OVERLAPPED = 0x01;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int sendto(IntPtr s, byte[] buf, int len, int flags, ref SOCKADDR_IN6 to, int tolen);
        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSASetSocketPeerTargetName(IntPtr s, byte[] target, uint targetLen, IntPtr overlapped, IntPtr completion);
    }

    public sealed unsafe class CollectorFanout
    {
        private const int TargetNameHeader = 140;

        public IntPtr Open(SOCKADDR_IN6[] collectors, string[] collectorSpns, byte[] hello)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET6, Native.SOCK_DGRAM, Native.IPPROTO_UDP, IntPtr.Zero, 0, Native.WSA_FLAG_OVERLAPPED);
            if (s == Native.INVALID_SOCKET)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASocketW");

            if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");

            for (int i = 0; i < collectors.Length; i++)
            {
                SOCKADDR_IN6 peer = collectors[i];
                byte[] target = BuildTargetName(peer, collectorSpns[i]);
                if (Native.WSASetSocketPeerTargetName(s, target, (uint)target.Length, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                    throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketPeerTargetName");

                if (Native.sendto(s, hello, hello.Length, 0, ref peer, sizeof(SOCKADDR_IN6)) == Native.SOCKET_ERROR)
                    throw new Win32Exception(Native.WSAGetLastError(), "sendto");
            }

            return s;
        }

        private static byte[] BuildTargetName(SOCKADDR_IN6 peer, string spn)
        {
            byte[] name = Encoding.Unicode.GetBytes(spn);
            byte[] buffer = new byte[TargetNameHeader + name.Length];
            fixed (byte* p = buffer)
            {
                *(SOCKADDR_IN6*)(p + 8) = peer; // PeerAddress (SOCKADDR_STORAGE, 8-aligned)
            }
            BitConverter.GetBytes(name.Length).CopyTo(buffer, 136);
            name.CopyTo(buffer, TargetNameHeader);
            return buffer;
        }
    }
}
