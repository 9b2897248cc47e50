// Expect: SSX001
// Why: SSX001 / C-SEC-2 ("a connection-oriented server must call it before bind"): the listener is bound first (to report the port early) and secured afterwards, before listen.
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;

namespace SecureEcho.Server
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_IN
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
        internal static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int bind(IntPtr s, ref SOCKADDR_IN name, int namelen);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int listen(IntPtr s, int backlog);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();

        [DllImport("Fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr socket, IntPtr securitySettings, uint securitySettingsLen, IntPtr overlapped, IntPtr completionRoutine);
    }

    public sealed class EchoListener
    {
        public IntPtr ListenSocket { get; private set; }

        public event Action<int> PortReserved;

        public void Start(int port)
        {
            IntPtr s = NativeMethods.WSASocketW(NativeMethods.AF_INET, NativeMethods.SOCK_STREAM, NativeMethods.IPPROTO_TCP, IntPtr.Zero, 0, 0);

            var address = new SOCKADDR_IN
            {
                sin_family = NativeMethods.AF_INET,
                sin_port = (ushort)IPAddress.HostToNetworkOrder((short)port),
            };
            if (NativeMethods.bind(s, ref address, Marshal.SizeOf<SOCKADDR_IN>()) == NativeMethods.SOCKET_ERROR)
                throw new Win32Exception(NativeMethods.WSAGetLastError(), "bind");

            PortReserved?.Invoke(port);

            if ({|SSX001:NativeMethods.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} == NativeMethods.SOCKET_ERROR)
                throw new Win32Exception(NativeMethods.WSAGetLastError(), "WSASetSocketSecurity");

            if (NativeMethods.listen(s, 200) == NativeMethods.SOCKET_ERROR)
                throw new Win32Exception(NativeMethods.WSAGetLastError(), "listen");

            ListenSocket = s;
        }
    }
}
