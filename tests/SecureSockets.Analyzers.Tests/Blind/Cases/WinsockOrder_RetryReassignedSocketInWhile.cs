// Expect: SSX015
// Why: SSX002 ("a loop that creates a new socket each turn is not a repeat") and SSX001 ("not reported when S was reassigned to a fresh socket"): the socket is re-created at the top of each retry, and a failed secure closes it and `continue`s. SSX015 (added with that rule): the socket is secured on every path and connects with no peer target name set before (C-TGT-1).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;

namespace Tailspin.Courier.Dispatch
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct sockaddr_in
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public long sin_zero;
    }

    internal static class Ws2
    {
        public const int SOCKET_ERROR = -1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int connect(IntPtr s, ref sockaddr_in name, int namelen);

        [DllImport("ws2_32.dll")]
        public static extern int closesocket(IntPtr s);

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSASetSocketSecurity(IntPtr Socket, IntPtr SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);
    }

    internal sealed class DispatchLink
    {
        private const int MaxAttempts = 5;

        public IntPtr ConnectWithRetry(sockaddr_in hub)
        {
            IntPtr s = Ws2.INVALID_SOCKET;
            int attempt = 0;
            int lastError = 0;
            while (true)
            {
                if (++attempt > MaxAttempts)
                    throw new SocketException(lastError);

                s = Ws2.WSASocketW(2, 1, 6, IntPtr.Zero, 0, 0);
                if (Ws2.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Ws2.SOCKET_ERROR)
                {
                    lastError = Ws2.WSAGetLastError();
                    Ws2.closesocket(s);
                    Thread.Sleep(200 * attempt);
                    continue;
                }

                if ({|SSX015:Ws2.connect(s, ref hub, 16)|} == Ws2.SOCKET_ERROR)
                {
                    lastError = Ws2.WSAGetLastError();
                    Ws2.closesocket(s);
                    continue;
                }
                break;
            }
            return s;
        }
    }
}
