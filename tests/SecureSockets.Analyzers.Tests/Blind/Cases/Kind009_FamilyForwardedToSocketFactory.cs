// Expect: clean
// Why: RULES precision 24 Helpers: "A creation argument forwarded into a helper that creates the socket from its parameter is not followed (no parametric summaries): silent unless the helper's own constant decides" — CreateSocket passes its family/type parameters to WSASocketW, so AF_UNIX (1) at the OpenLocalEndpoint call site is not seen; SSX009 stays silent on both secure calls.
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace AdventureWorks.PrintSpooler.Remoting
{
    internal static class Native
    {
        public const int AF_UNIX = 1, AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const uint WSA_FLAG_NO_HANDLE_INHERIT = 0x80;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int bind(IntPtr s, byte[] name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int listen(IntPtr s, int backlog);
        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);
    }

    public sealed class SpoolerEndpoints
    {
        private static IntPtr CreateSocket(int family, int type, int protocol)
        {
            IntPtr s = Native.WSASocketW(family, type, protocol, IntPtr.Zero, 0, Native.WSA_FLAG_NO_HANDLE_INHERIT);
            if (s == Native.INVALID_SOCKET)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASocketW");
            return s;
        }

        private static void Secure(IntPtr s)
        {
            if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");
        }

        public IntPtr OpenNetworkEndpoint(ushort port)
        {
            IntPtr s = CreateSocket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            Secure(s);
            var sin = new byte[16];
            BitConverter.GetBytes((ushort)Native.AF_INET).CopyTo(sin, 0);
            BitConverter.GetBytes(IPAddress.HostToNetworkOrder((short)port)).CopyTo(sin, 2);
            Listen(s, sin);
            return s;
        }

        public IntPtr OpenLocalEndpoint(string path)
        {
            IntPtr s = CreateSocket(Native.AF_UNIX, Native.SOCK_STREAM, 0);
            if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");

            var sun = new byte[110];
            BitConverter.GetBytes((ushort)Native.AF_UNIX).CopyTo(sun, 0);
            Encoding.UTF8.GetBytes(path).CopyTo(sun, 2);
            Listen(s, sun);
            return s;
        }

        private static void Listen(IntPtr s, byte[] address)
        {
            if (Native.bind(s, address, address.Length) == Native.SOCKET_ERROR || Native.listen(s, 32) == Native.SOCKET_ERROR)
                throw new Win32Exception(Native.WSAGetLastError(), "bind/listen");
        }
    }
}
