// Expect: clean
// Why: SSX007 / Precision 5 ("a result never tested is unhandled … unless it leaves the method"): the helper returns WSASetSocketSecurity's status; the caller tests it with `!= 0` and leaves before bind.
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;

namespace Contoso.Kiosk.Server
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class Ws2
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int listen(IntPtr s, int backlog);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr overlapped, IntPtr completion);
    }

    internal static class KioskSecurity
    {
        /// <summary>Turns on the default IPsec policy for the socket. Returns 0 or SOCKET_ERROR.</summary>
        internal static int EnableDefaultIpsec(IntPtr socket)
        {
            return Ws2.WSASetSocketSecurity(socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
        }
    }

    public sealed class KioskCommandListener
    {
        public IntPtr Listen(int port)
        {
            IntPtr s = Ws2.WSASocketW(Ws2.AF_INET, Ws2.SOCK_STREAM, Ws2.IPPROTO_TCP, IntPtr.Zero, 0, 0);

            int rc = KioskSecurity.EnableDefaultIpsec(s);
            if (rc != 0)
            {
                int error = Ws2.WSAGetLastError();
                Ws2.closesocket(s);
                throw new Win32Exception(error, "Could not enable IPsec on the kiosk listener");
            }

            var any = new SOCKADDR_IN { sin_family = Ws2.AF_INET, sin_port = (ushort)IPAddress.HostToNetworkOrder((short)port) };
            if (Ws2.bind(s, ref any, Marshal.SizeOf<SOCKADDR_IN>()) == Ws2.SOCKET_ERROR || Ws2.listen(s, 16) == Ws2.SOCKET_ERROR)
            {
                int error = Ws2.WSAGetLastError();
                Ws2.closesocket(s);
                throw new Win32Exception(error);
            }

            return s;
        }
    }
}
