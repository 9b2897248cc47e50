// Expect: clean
// Why: SSX009 needs an unsupported family/type "on every path": the ternary creates AF_HYPERV (34) on one path but AF_INET6 (23) SOCK_STREAM on the other, so the secure call in the factory is silent (precision 24 "Different values, same verdict" only covers paths that are all unsupported). Secure precedes bind (SSX001 silent).
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;

namespace Fabrikam.VmIntegration.Replication
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_HV
    {
        public ushort Family;
        public ushort Reserved;
        public Guid VmId;
        public Guid ServiceId;
    }

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct SOCKADDR_IN6
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
        public const int AF_INET6 = 23, AF_HYPERV = 34, SOCK_STREAM = 1, IPPROTO_TCP = 6, HV_PROTOCOL_RAW = 1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int bind(IntPtr s, ref SOCKADDR_HV name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int bind(IntPtr s, ref SOCKADDR_IN6 name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int listen(IntPtr s, int backlog);
        [DllImport("ws2_32.dll")]
        public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();
        [DllImport("fwpuclnt", SetLastError = true)]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);
    }

    public sealed class ReplicaListener
    {
        public IntPtr Start(bool useVmBus, Guid serviceId, ushort tcpPort)
        {
            IntPtr s = OpenSecuredListener(useVmBus);
            int rc;
            if (useVmBus)
            {
                var hv = new SOCKADDR_HV { Family = Native.AF_HYPERV, ServiceId = serviceId };
                rc = Native.bind(s, ref hv, Marshal.SizeOf<SOCKADDR_HV>());
            }
            else
            {
                var any = new SOCKADDR_IN6 { sin6_family = Native.AF_INET6, sin6_port = (ushort)IPAddress.HostToNetworkOrder((short)tcpPort) };
                rc = Native.bind(s, ref any, Marshal.SizeOf<SOCKADDR_IN6>());
            }

            if (rc != 0 || Native.listen(s, 16) != 0)
            {
                int error = Native.WSAGetLastError();
                Native.closesocket(s);
                throw new Win32Exception(error, "bind/listen");
            }
            return s;
        }

        private static IntPtr OpenSecuredListener(bool useVmBus)
        {
            IntPtr s = useVmBus
                ? Native.WSASocketW(Native.AF_HYPERV, Native.SOCK_STREAM, Native.HV_PROTOCOL_RAW, IntPtr.Zero, 0, 0)
                : Native.WSASocketW(Native.AF_INET6, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == Native.INVALID_SOCKET)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASocketW");

            if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
            {
                int error = Native.WSAGetLastError();
                Native.closesocket(s);
                throw new Win32Exception(error, "WSASetSocketSecurity");
            }
            return s;
        }
    }
}
