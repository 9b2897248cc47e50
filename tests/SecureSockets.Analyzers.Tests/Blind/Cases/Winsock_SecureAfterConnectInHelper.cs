// Expect: SSX001
// Why: SSX001 / C-SEC-1 with a same-compilation connect helper (summarized: a call to ConnectToServer is a connect of its argument, here a `this` field); the secure call comes after it.
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;

namespace Contoso.LicenseClient
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
        public static extern IntPtr socket(int af, int type, int protocol);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);

        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr overlapped, IntPtr completion);
    }

    public sealed class LicenseServerConnection
    {
        private IntPtr _socket;

        private static int ConnectToServer(IntPtr s, IPAddress address, int port)
        {
            var sa = new SOCKADDR_IN
            {
                sin_family = Ws2.AF_INET,
                sin_port = (ushort)IPAddress.HostToNetworkOrder((short)port),
                sin_addr = BitConverter.ToUInt32(address.GetAddressBytes(), 0),
            };
            return Ws2.connect(s, ref sa, Marshal.SizeOf<SOCKADDR_IN>());
        }

        public void Open(IPAddress server, int port)
        {
            _socket = Ws2.socket(Ws2.AF_INET, Ws2.SOCK_STREAM, Ws2.IPPROTO_TCP);

            if (ConnectToServer(_socket, server, port) == Ws2.SOCKET_ERROR)
                throw new Win32Exception(Ws2.WSAGetLastError(), "connect");

            // Licensing traffic must be protected.
            if ({|SSX001:Ws2.WSASetSocketSecurity(_socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} == Ws2.SOCKET_ERROR)
                throw new Win32Exception(Ws2.WSAGetLastError(), "WSASetSocketSecurity");
        }
    }
}
