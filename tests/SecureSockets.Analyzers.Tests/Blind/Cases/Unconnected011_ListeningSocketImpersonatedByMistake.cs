// Expect: SSX011, SSX016
// Why: SSX011 "a connection-oriented S that, on every path, was never connected and is not an accepted socket (typically the listening socket passed by mistake)" (C-IMP-3): the console server impersonates the listener field `_listener` instead of the accepted `console`. Both are non-overlapped (WSASocketW flags 0), so SSX010 is silent; checked and reverted in finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;

namespace Fabrikam.Backup.RemoteConsole
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
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int listen(IntPtr s, int backlog);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr ov, IntPtr cr);
        [DllImport("fwpuclnt.dll")] public static extern int WSAImpersonateSocketPeer(IntPtr s, IntPtr peerAddr, uint peerAddrLen);
        [DllImport("fwpuclnt.dll")] public static extern int WSARevertImpersonation();
    }

    public interface IConsoleCommandProcessor { void Process(IntPtr console); }

    public sealed class RemoteConsoleServer
    {
        private readonly IConsoleCommandProcessor _processor;
        private IntPtr _listener;

        public RemoteConsoleServer(IConsoleCommandProcessor processor) => _processor = processor;

        public void Run(ushort port, CancellationToken token)
        {
            _listener = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (_listener == Native.INVALID_SOCKET) throw new Win32Exception(Native.WSAGetLastError());
            if (Native.WSASetSocketSecurity(_listener, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");

            var any = new SOCKADDR_IN { sin_family = Native.AF_INET, sin_port = (ushort)IPAddress.HostToNetworkOrder((short)port) };
            if (Native.bind(_listener, ref any, Marshal.SizeOf<SOCKADDR_IN>()) != 0 || Native.listen(_listener, 4) != 0)
                throw new Win32Exception(Native.WSAGetLastError(), "bind/listen");

            while (!token.IsCancellationRequested)
            {
                IntPtr console = Native.accept(_listener, IntPtr.Zero, IntPtr.Zero);
                if (console == Native.INVALID_SOCKET) continue;
                try
                {
                    // Run the operator's commands as the operator.
                    if ({|SSX011:Native.WSAImpersonateSocketPeer(_listener, IntPtr.Zero, 0)|} != 0)
                        continue;
                    try
                    {
                        _processor.Process(console);
                    }
                    finally
                    {
                        {|SSX016:Native.WSARevertImpersonation()|};
                    }
                }
                finally
                {
                    Native.closesocket(console);
                }
            }
        }
    }
}
