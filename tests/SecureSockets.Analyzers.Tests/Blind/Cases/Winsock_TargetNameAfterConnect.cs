// Expect: SSX006, SSX015
// Why: SSX006 / C-TGT-2, C-TGT-3: WSASetSocketPeerTargetName is called on the socket after WSAConnect (secure was correctly before it), and would fail with WSAEISCONN. SSX015 (added with that rule): the socket is secured on every path and connects with no peer target name set before (C-TGT-1).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Contoso.SecureChat.Client
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN6
    {
        public short sin6_family;
        public ushort sin6_port;
        public uint sin6_flowinfo;
        public Guid sin6_addr;
        public uint sin6_scope_id;
    }

    internal static class Native
    {
        public const int AF_INET6 = 23, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int WSAConnect(IntPtr s, ref SOCKADDR_IN6 name, int namelen, IntPtr callerData, IntPtr calleeData, IntPtr sqos, IntPtr gqos);

        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr overlapped, IntPtr completion);

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketPeerTargetName(IntPtr s, byte[] target, uint len, IntPtr overlapped, IntPtr completion);
    }

    public sealed class ChatClient
    {
        public IntPtr Connect(SOCKADDR_IN6 server, string serverSpn)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET6, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);

            if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");

            if ({|SSX015:Native.WSAConnect(s, ref server, Marshal.SizeOf<SOCKADDR_IN6>(), IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero)|} == Native.SOCKET_ERROR)
                throw new Win32Exception(Native.WSAGetLastError(), "WSAConnect");

            // Tell IPsec which server identity to expect.
            byte[] name = Encoding.Unicode.GetBytes(serverSpn);
            byte[] target = new byte[140 + name.Length];
            BitConverter.GetBytes(name.Length).CopyTo(target, 136);
            name.CopyTo(target, 140);
            if ({|SSX006:Native.WSASetSocketPeerTargetName(s, target, (uint)target.Length, IntPtr.Zero, IntPtr.Zero)|} == Native.SOCKET_ERROR)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketPeerTargetName");

            return s;
        }
    }
}
