// Expect: SSX001
// Why: SSX001 with Precision 14 (`var t = s;` is the same socket) and summaries: the alias is connected first, then a two-deep helper secures the original variable; the helper call is the secure event after connect.
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Contoso.Lims.Sampler
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct sockaddr_in
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public long sin_zero;
    }

    internal static class Native
    {
        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern IntPtr socket(int af, int type, int protocol);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int connect(IntPtr s, ref sockaddr_in name, int namelen);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr Socket, IntPtr SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);
    }

    internal static class Ipsec
    {
        public static void Enable(IntPtr s) => ApplySettings(s);

        private static void ApplySettings(IntPtr s)
        {
            if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new SocketException(Native.WSAGetLastError());
        }
    }

    internal sealed class SamplerLink
    {
        public IntPtr Open(sockaddr_in lims)
        {
            IntPtr s = Native.socket(2, 1, 6);
            IntPtr connection = s;
            if (Native.connect(connection, ref lims, 16) != 0)
                throw new SocketException(Native.WSAGetLastError());

            {|SSX001:Ipsec.Enable(s)|};
            return s;
        }
    }
}
