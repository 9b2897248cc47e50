// Expect: SSX001
// Why: Precision 14 (aliases are the same socket): the connect goes through `connection`, an alias of `s`, and `s` is secured afterwards (SSX001, C-SEC-1).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Contoso.Hsm.Client
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
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

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr overlapped, IntPtr completion);
    }

    public sealed class HsmClient
    {
        public IntPtr Connection { get; private set; }

        public void Connect(SOCKADDR_IN hsm)
        {
            IntPtr s = Ws2.WSASocketW(Ws2.AF_INET, Ws2.SOCK_STREAM, Ws2.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            IntPtr connection = s;

            if (Ws2.connect(connection, ref hsm, Marshal.SizeOf<SOCKADDR_IN>()) == Ws2.SOCKET_ERROR)
                throw new Win32Exception(Ws2.WSAGetLastError(), "connect");

            if ({|SSX001:Ws2.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} == Ws2.SOCKET_ERROR)
                throw new Win32Exception(Ws2.WSAGetLastError(), "WSASetSocketSecurity");

            Connection = connection;
        }
    }
}
