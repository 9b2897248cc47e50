// Expect: SSX007
// Why: SSX007 ("a deliberate fallback to an unsecured socket (`if (rc != 0) Log(…);` then connect) is flagged too"): the failure branch only logs and rejoins the connect.
using System;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Contoso.Backup.Agent
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);

        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr overlapped, IntPtr completion);
    }

    public sealed class BackupTargetClient
    {
        private static readonly TraceSource Log = new TraceSource("Contoso.Backup.Agent");

        public IntPtr Connect(SOCKADDR_IN target)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);

            int rc = {|SSX007:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
            if (rc != 0)
            {
                // Older sites have no IPsec policy deployed; keep backups running anyway.
                Log.TraceEvent(TraceEventType.Warning, 1001, "IPsec unavailable (error {0}); continuing without it.", Native.WSAGetLastError());
            }

            if (Native.connect(s, ref target, Marshal.SizeOf<SOCKADDR_IN>()) == Native.SOCKET_ERROR)
            {
                int error = Native.WSAGetLastError();
                Native.closesocket(s);
                throw new SocketException(error);
            }

            return s;
        }
    }
}
