// Expect: SSX011, SSX016
// Why: RULES precision 24 "Connectionless means created SOCK_DGRAM on every path; a connect on it sets a default peer and does not make it connection-oriented (SSX011 still wants PeerAddr; SSX015 does not apply to it)": the null sockaddr* on the connected UDP command socket is SSX011, and its secured-but-unnamed connect is not SSX015. WSASocketW flags 0: SSX010 silent. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Threading;

namespace Litware.Fleet.CommandAgent
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static unsafe class Native
    {
        public const int AF_INET = 2, SOCK_DGRAM = 2, IPPROTO_UDP = 17;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int recv(IntPtr s, byte[] buf, int len, int flags);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr ov, IntPtr cr);
        [DllImport("fwpuclnt.dll")] public static extern int WSAImpersonateSocketPeer(IntPtr s, SOCKADDR_IN* peerAddr, uint peerAddrLen);
        [DllImport("fwpuclnt.dll")] public static extern int WSARevertImpersonation();
    }

    public interface IFleetCommandExecutor { void Execute(byte[] command, int length); }

    public sealed class FleetCommandAgent
    {
        private readonly IFleetCommandExecutor _executor;

        public FleetCommandAgent(IFleetCommandExecutor executor) => _executor = executor;

        public unsafe void Run(SOCKADDR_IN controller, CancellationToken token)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_DGRAM, Native.IPPROTO_UDP, IntPtr.Zero, 0, 0);
            if (s == Native.INVALID_SOCKET) throw new Win32Exception(Native.WSAGetLastError());
            try
            {
                // C-SEC-3: a datagram socket is secured right after it is created.
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");

                // Default peer: only the controller's datagrams are delivered from now on.
                if (Native.connect(s, ref controller, sizeof(SOCKADDR_IN)) != 0)
                    throw new Win32Exception(Native.WSAGetLastError(), "connect");

                var command = new byte[1400];
                while (!token.IsCancellationRequested)
                {
                    int length = Native.recv(s, command, command.Length, 0);
                    if (length <= 0)
                        break;

                    // "PeerAddr is ignored" -- true for TCP only.
                    if ({|SSX011:Native.WSAImpersonateSocketPeer(s, null, 0)|} != 0)
                        continue;
                    try
                    {
                        _executor.Execute(command, length);
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
