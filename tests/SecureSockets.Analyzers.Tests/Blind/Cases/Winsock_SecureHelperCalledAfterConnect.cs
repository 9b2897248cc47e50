// Expect: SSX001
// Why: "a call to the helper counts as the event it performs on its argument": EnableIpsec (which throws on failure) secures the socket only after WSAConnect, so the secure event at the helper's call site follows a connect (SSX001, C-SEC-1).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Contoso.Replication
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class NativeMethods
    {
        internal const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int WSAConnect(IntPtr s, ref SOCKADDR_IN name, int namelen, IntPtr callerData, IntPtr calleeData, IntPtr sqos, IntPtr gqos);

        [DllImport("ws2_32.dll")] internal static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] internal static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSASetSocketSecurity(IntPtr socket, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);
    }

    internal static class IpsecPolicy
    {
        internal static void EnableIpsec(IntPtr socket)
        {
            if (NativeMethods.WSASetSocketSecurity(socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == NativeMethods.SOCKET_ERROR)
                throw new SocketException(NativeMethods.WSAGetLastError());
        }
    }

    public sealed class PartnerLink
    {
        public IntPtr Socket { get; private set; }

        public void Connect(SOCKADDR_IN partner, bool requireIpsec)
        {
            IntPtr s = NativeMethods.WSASocketW(NativeMethods.AF_INET, NativeMethods.SOCK_STREAM, NativeMethods.IPPROTO_TCP, IntPtr.Zero, 0, 0);

            if (NativeMethods.WSAConnect(s, ref partner, Marshal.SizeOf<SOCKADDR_IN>(), IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero) == NativeMethods.SOCKET_ERROR)
            {
                int error = NativeMethods.WSAGetLastError();
                NativeMethods.closesocket(s);
                throw new SocketException(error);
            }

            if (requireIpsec)
            {
                {|SSX001:IpsecPolicy.EnableIpsec(s)|};
            }

            Socket = s;
        }
    }
}
