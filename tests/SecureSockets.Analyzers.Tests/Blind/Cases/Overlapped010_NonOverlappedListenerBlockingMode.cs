// Expect: SSX016
// Why: SSX010: "Only WSASocket(…, flags without 0x01) gives a socket this API accepts" — the listener's constant flags are WSA_FLAG_NO_HANDLE_INHERIT (0x80) only and accepted sockets inherit that; ioctlsocket(FIONBIO) is called with 0 (blocking), not "non-zero"; `conn` is an alias of the accepted socket (precision 14). Accepted (SSX011 silent), checked and reverted in finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;

namespace MargiesTravel.Booking.AgentHost
{
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
        public const int AF_INET6 = 23, SOCK_STREAM = 1, IPPROTO_TCP = 6;
        public const int FIONBIO = unchecked((int)0x8004667E);
        public const uint WSA_FLAG_NO_HANDLE_INHERIT = 0x80;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, ref SOCKADDR_IN6 name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int listen(IntPtr s, int backlog);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int ioctlsocket(IntPtr s, int cmd, ref uint argp);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr ov, IntPtr cr);
        [DllImport("fwpuclnt.dll")] public static extern int WSAImpersonateSocketPeer(IntPtr s, IntPtr peerAddr, uint peerAddrLen);
        [DllImport("fwpuclnt.dll")] public static extern int WSARevertImpersonation();
    }

    public interface IBookingAgentSession { void Serve(IntPtr connection); }

    public sealed class AgentHost
    {
        private readonly IBookingAgentSession _session;

        public AgentHost(IBookingAgentSession session) => _session = session;

        public void Run(ushort port, CancellationToken token)
        {
            IntPtr listener = Native.WSASocketW(Native.AF_INET6, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, Native.WSA_FLAG_NO_HANDLE_INHERIT);
            if (listener == Native.INVALID_SOCKET) throw new Win32Exception(Native.WSAGetLastError());
            try
            {
                if (Native.WSASetSocketSecurity(listener, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");
                var any = new SOCKADDR_IN6 { sin6_family = Native.AF_INET6, sin6_port = (ushort)IPAddress.HostToNetworkOrder((short)port) };
                if (Native.bind(listener, ref any, Marshal.SizeOf<SOCKADDR_IN6>()) != 0 || Native.listen(listener, 16) != 0)
                    throw new Win32Exception(Native.WSAGetLastError(), "bind/listen");

                while (!token.IsCancellationRequested)
                {
                    IntPtr client = Native.accept(listener, IntPtr.Zero, IntPtr.Zero);
                    if (client == Native.INVALID_SOCKET) continue;
                    try
                    {
                        uint blocking = 0; // keep the connection in blocking mode (C-IMP-2)
                        if (Native.ioctlsocket(client, Native.FIONBIO, ref blocking) != 0)
                            continue;

                        IntPtr conn = client;
                        if (Native.WSAImpersonateSocketPeer(conn, IntPtr.Zero, 0) != 0)
                            continue;
                        try
                        {
                            _session.Serve(conn);
                        }
                        finally
                        {
                            {|SSX016:Native.WSARevertImpersonation()|};
                        }
                    }
                    finally
                    {
                        Native.closesocket(client);
                    }
                }
            }
            finally
            {
                Native.closesocket(listener);
            }
        }
    }
}
