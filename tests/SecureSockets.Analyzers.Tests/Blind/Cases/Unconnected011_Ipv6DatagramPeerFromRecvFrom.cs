// Expect: SSX016
// Why: SSX011 on a connectionless socket only wants a non-null PeerAddr (C-IMP-4/5): the impersonation passes &from, the address recvfrom has just filled. WSASocketW flags 0 keeps SSX010 silent; secured right after creation (C-SEC-3); failure `continue`s and the revert is in finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Threading;

namespace Adatum.Sensors.Ingest
{
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct SOCKADDR_IN6
    {
        public ushort sin6_family;
        public ushort sin6_port;
        public uint sin6_flowinfo;
        public ulong sin6_addr_lo;
        public ulong sin6_addr_hi;
        public uint sin6_scope_id;
    }

    internal static unsafe class Native
    {
        public const int AF_INET6 = 23, SOCK_DGRAM = 2, IPPROTO_UDP = 17, SOCKET_ERROR = -1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, SOCKADDR_IN6* name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int recvfrom(IntPtr s, byte* buf, int len, int flags, SOCKADDR_IN6* from, int* fromlen);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr ov, IntPtr cr);
        [DllImport("fwpuclnt.dll")] public static extern int WSAImpersonateSocketPeer(IntPtr s, SOCKADDR_IN6* peerAddr, uint peerAddrLen);
        [DllImport("fwpuclnt.dll")] public static extern int WSARevertImpersonation();
    }

    public interface IReadingStore { void Append(ReadOnlySpan<byte> reading); }

    public sealed class SensorDatagramPump
    {
        private readonly IReadingStore _store;

        public SensorDatagramPump(IReadingStore store) => _store = store;

        public unsafe void Pump(ushort portNetworkOrder, CancellationToken token)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET6, Native.SOCK_DGRAM, Native.IPPROTO_UDP, IntPtr.Zero, 0, 0);
            if (s == Native.INVALID_SOCKET) throw new Win32Exception(Native.WSAGetLastError());
            try
            {
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");

                SOCKADDR_IN6 any = default;
                any.sin6_family = Native.AF_INET6;
                any.sin6_port = portNetworkOrder;
                if (Native.bind(s, &any, sizeof(SOCKADDR_IN6)) == Native.SOCKET_ERROR)
                    throw new Win32Exception(Native.WSAGetLastError(), "bind");

                byte[] buffer = new byte[2048];
                fixed (byte* p = buffer)
                {
                    while (!token.IsCancellationRequested)
                    {
                        SOCKADDR_IN6 from = default;
                        int fromLength = sizeof(SOCKADDR_IN6);
                        int received = Native.recvfrom(s, p, buffer.Length, 0, &from, &fromLength);
                        if (received == Native.SOCKET_ERROR)
                            break;

                        if (Native.WSAImpersonateSocketPeer(s, &from, (uint)fromLength) != 0)
                            continue; // sensor not authenticated: drop the reading
                        try
                        {
                            _store.Append(new ReadOnlySpan<byte>(p, received));
                        }
                        finally
                        {
                            {|SSX016:Native.WSARevertImpersonation()|};
                        }
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
