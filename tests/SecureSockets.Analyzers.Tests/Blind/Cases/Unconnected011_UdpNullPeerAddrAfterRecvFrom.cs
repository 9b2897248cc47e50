// Expect: SSX011, SSX016
// Why: SSX011 "on a connectionless S when PeerAddr is null/IntPtr.Zero" (C-IMP-4/5: a connectionless socket must pass the peer's address): the RADIUS-style socket is SOCK_DGRAM on every path, recvfrom fills `from`, but the impersonation passes IntPtr.Zero. WSASocketW flags 0 keeps SSX010 silent; secured right after creation (C-SEC-3). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;

namespace Northwind.NetAccess.RadiusProxy
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class Native
    {
        public const int AF_INET = 2, SOCK_DGRAM = 2, IPPROTO_UDP = 17, SOCKET_ERROR = -1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int recvfrom(IntPtr s, byte[] buf, int len, int flags, ref SOCKADDR_IN from, ref int fromlen);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr ov, IntPtr cr);
        [DllImport("fwpuclnt.dll")] public static extern int WSAImpersonateSocketPeer(IntPtr s, IntPtr peerAddr, uint peerAddrLen);
        [DllImport("fwpuclnt.dll")] public static extern int WSARevertImpersonation();
    }

    internal interface IAccessRequestHandler { void Handle(byte[] packet, int length, SOCKADDR_IN nas); }

    public sealed class RadiusAuthListener
    {
        private readonly IAccessRequestHandler _handler;

        internal RadiusAuthListener(IAccessRequestHandler handler) => _handler = handler;

        public void Run(CancellationToken token)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_DGRAM, Native.IPPROTO_UDP, IntPtr.Zero, 0, 0);
            if (s == Native.INVALID_SOCKET) throw new Win32Exception(Native.WSAGetLastError());
            try
            {
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");

                var any = new SOCKADDR_IN { sin_family = Native.AF_INET, sin_port = (ushort)IPAddress.HostToNetworkOrder((short)1812) };
                if (Native.bind(s, ref any, Marshal.SizeOf<SOCKADDR_IN>()) != 0)
                    throw new Win32Exception(Native.WSAGetLastError(), "bind");

                var packet = new byte[4096];
                while (!token.IsCancellationRequested)
                {
                    var from = new SOCKADDR_IN();
                    int fromLength = Marshal.SizeOf<SOCKADDR_IN>();
                    int length = Native.recvfrom(s, packet, packet.Length, 0, ref from, ref fromLength);
                    if (length == Native.SOCKET_ERROR)
                        continue;

                    // Authorize the NAS by its IPsec identity before answering.
                    if ({|SSX011:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0)
                        continue;
                    try
                    {
                        _handler.Handle(packet, length, from);
                    }
                    finally
                    {
                        {|SSX016:Native.WSARevertImpersonation()|};
                    }
                }
            }
            finally
            {
                Native.closesocket(s);
            }
        }
    }
}
