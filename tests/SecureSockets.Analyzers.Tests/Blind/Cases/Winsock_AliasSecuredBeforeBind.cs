// Expect: clean
// Why: Precision 14 ("a local assigned from another tracked location (`var t = s;`) is the same socket"): the listener is secured through one alias and bound/listened through the other, in C-SEC-2 order.
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;

namespace Contoso.Hsm.Proxy
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
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr overlapped, IntPtr completion);
    }

    public sealed class HsmProxyListener
    {
        private IntPtr _listenSocket;

        private void SecureListener(IntPtr listenSocket)
        {
            if (Ws2.WSASetSocketSecurity(listenSocket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Ws2.SOCKET_ERROR)
                throw new Win32Exception(Ws2.WSAGetLastError(), "WSASetSocketSecurity");
        }

        public void Start(IPAddress bindAddress, int port)
        {
            IntPtr socket = Ws2.WSASocketW(Ws2.AF_INET, Ws2.SOCK_STREAM, Ws2.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            IntPtr listenSocket = socket;

            SecureListener(listenSocket);

            var address = new SOCKADDR_IN
            {
                sin_family = Ws2.AF_INET,
                sin_port = (ushort)IPAddress.HostToNetworkOrder((short)port),
                sin_addr = BitConverter.ToUInt32(bindAddress.GetAddressBytes(), 0),
            };

            if (Ws2.bind(socket, ref address, Marshal.SizeOf<SOCKADDR_IN>()) == Ws2.SOCKET_ERROR)
                throw new Win32Exception(Ws2.WSAGetLastError(), "bind");
            if (Ws2.listen(socket, 32) == Ws2.SOCKET_ERROR)
                throw new Win32Exception(Ws2.WSAGetLastError(), "listen");

            _listenSocket = socket;
        }
    }
}
