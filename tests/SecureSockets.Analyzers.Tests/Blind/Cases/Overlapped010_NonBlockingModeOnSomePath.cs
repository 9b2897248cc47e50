// Expect: SSX010, SSX016
// Why: SSX010 "... or was made non-blocking (ioctlsocket(S, FIONBIO, non-zero), ..., WSAEventSelect ...) on some path before": the listener is non-overlapped (WSASocketW flags 0), but ConfigureIo calls WSAEventSelect in event mode and, 2 deep through EnablePolling, ioctlsocket(FIONBIO, 1) in polling mode; helper events are may-events at the call site (precision 24 Helpers). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;

namespace Proseware.Backup.AgentService
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal enum IoMode { Blocking, Polling, EventDriven }

    internal static class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const int FIONBIO = unchecked((int)0x8004667E);
        public const int FD_READ = 0x01, FD_CLOSE = 0x20;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int listen(IntPtr s, int backlog);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int ioctlsocket(IntPtr s, int cmd, ref uint argp);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int WSAEventSelect(IntPtr s, IntPtr hEventObject, int lNetworkEvents);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr ov, IntPtr cr);
        [DllImport("fwpuclnt.dll")] public static extern int WSAImpersonateSocketPeer(IntPtr s, IntPtr peerAddr, uint peerAddrLen);
        [DllImport("fwpuclnt.dll")] public static extern int WSARevertImpersonation();
    }

    public interface IBackupJobRunner { void RunRequestedJob(IntPtr connection); }

    public sealed class BackupControlService
    {
        private readonly IoMode _mode;
        private readonly AutoResetEvent _readable = new AutoResetEvent(false);
        private readonly IBackupJobRunner _jobs;

        internal BackupControlService(IoMode mode, IBackupJobRunner jobs) { _mode = mode; _jobs = jobs; }

        public void Run(ushort port, CancellationToken token)
        {
            IntPtr listener = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (listener == Native.INVALID_SOCKET) throw new Win32Exception(Native.WSAGetLastError());
            if (Native.WSASetSocketSecurity(listener, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");

            var any = new SOCKADDR_IN { sin_family = Native.AF_INET, sin_port = (ushort)IPAddress.HostToNetworkOrder((short)port) };
            if (Native.bind(listener, ref any, Marshal.SizeOf<SOCKADDR_IN>()) != 0 || Native.listen(listener, 8) != 0)
                throw new Win32Exception(Native.WSAGetLastError(), "bind/listen");

            while (!token.IsCancellationRequested)
            {
                IntPtr client = Native.accept(listener, IntPtr.Zero, IntPtr.Zero);
                if (client == Native.INVALID_SOCKET) continue;
                try
                {
                    ConfigureIo(client);
                    if ({|SSX010:Native.WSAImpersonateSocketPeer(client, IntPtr.Zero, 0)|} != 0)
                        continue;
                    try { _jobs.RunRequestedJob(client); }
                    finally { {|SSX016:Native.WSARevertImpersonation()|}; }
                }
                finally { Native.closesocket(client); }
            }
        }

        private void ConfigureIo(IntPtr connection)
        {
            switch (_mode)
            {
                case IoMode.Polling:
                    EnablePolling(connection);
                    break;
                case IoMode.EventDriven:
                    if (Native.WSAEventSelect(connection, _readable.SafeWaitHandle.DangerousGetHandle(), Native.FD_READ | Native.FD_CLOSE) != 0)
                        throw new Win32Exception(Native.WSAGetLastError(), "WSAEventSelect");
                    break;
            }
        }

        private static void EnablePolling(IntPtr connection)
        {
            uint nonBlocking = 1;
            if (Native.ioctlsocket(connection, Native.FIONBIO, ref nonBlocking) != 0)
                throw new Win32Exception(Native.WSAGetLastError(), "ioctlsocket(FIONBIO)");
        }
    }
}
