// Expect: SSX015
// Why: SSX015 + C-TGT-1: the client stream socket is secured on every path (result checked) and then connected through a DllImport renamed with EntryPoint = "connect" (precision 1: identify APIs by entry point) with no WSASetSocketPeerTargetName before it.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Woodgrove.Ledger.SyncClient
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

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS
    {
        public int SecurityProtocol;
        public uint SecurityFlags;
    }

    internal static class Ws2
    {
        public const int AF_INET6 = 23, SOCK_STREAM = 1, IPPROTO_TCP = 6;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);

        [DllImport("ws2_32.dll", EntryPoint = "connect", SetLastError = true)]
        public static extern int ConnectSocket(IntPtr s, ref SOCKADDR_IN6 name, int namelen);

        [DllImport("ws2_32.dll", EntryPoint = "closesocket")]
        public static extern int CloseSocket(IntPtr s);

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();
    }

    internal static class Fwp
    {
        public const int SOCKET_SECURITY_PROTOCOL_DEFAULT = 0;
        public const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSASetSocketSecurity(IntPtr s, ref SOCKET_SECURITY_SETTINGS settings, uint settingsLen, IntPtr overlapped, IntPtr completion);
    }

    public sealed class LedgerSyncClient : IDisposable
    {
        private IntPtr _socket = Ws2.INVALID_SOCKET;

        public void Connect(SOCKADDR_IN6 ledgerServer)
        {
            IntPtr s = Ws2.WSASocketW(Ws2.AF_INET6, Ws2.SOCK_STREAM, Ws2.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == Ws2.INVALID_SOCKET)
                throw new Win32Exception(Ws2.WSAGetLastError(), "WSASocketW");

            try
            {
                var settings = new SOCKET_SECURITY_SETTINGS
                {
                    SecurityProtocol = Fwp.SOCKET_SECURITY_PROTOCOL_DEFAULT,
                    SecurityFlags = Fwp.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION,
                };
                if (Fwp.WSASetSocketSecurity(s, ref settings, (uint)Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>(), IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new Win32Exception(Ws2.WSAGetLastError(), "WSASetSocketSecurity");

                if ({|SSX015:Ws2.ConnectSocket(s, ref ledgerServer, Marshal.SizeOf<SOCKADDR_IN6>())|} != 0)
                    throw new Win32Exception(Ws2.WSAGetLastError(), "connect");
            }
            catch
            {
                Ws2.CloseSocket(s);
                throw;
            }

            _socket = s;
        }

        public void Dispose()
        {
            if (_socket != Ws2.INVALID_SOCKET)
                Ws2.CloseSocket(_socket);
            _socket = Ws2.INVALID_SOCKET;
        }
    }
}
