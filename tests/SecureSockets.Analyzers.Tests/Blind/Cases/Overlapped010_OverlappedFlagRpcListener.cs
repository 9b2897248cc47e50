// Expect: SSX010, SSX016
// Why: SSX010 + C-IMP-2: the listener is created by WSASocketW with the constant flags WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT (0x81, has 0x01), and "an accepted socket has the listening socket's properties", so impersonating each accepted connection is on an overlapped socket. Accepted, so SSX011 is silent; result checked (continue) and reverted in finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;

namespace Contoso.Licensing.RpcHost
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
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const uint WSA_FLAG_OVERLAPPED = 0x01;
        public const uint WSA_FLAG_NO_HANDLE_INHERIT = 0x80;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int bind(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int listen(IntPtr s, int backlog);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);
        [DllImport("ws2_32.dll")]
        public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSAImpersonateSocketPeer(IntPtr s, IntPtr peerAddr, uint peerAddrLen);
        [DllImport("fwpuclnt.dll")]
        public static extern int WSARevertImpersonation();
    }

    public interface ILicenseRequestHandler
    {
        void Handle(IntPtr connection);
    }

    public sealed class LicenseRpcListener
    {
        private readonly ILicenseRequestHandler _handler;

        public LicenseRpcListener(ILicenseRequestHandler handler) => _handler = handler;

        public void Run(ushort port, CancellationToken token)
        {
            IntPtr listener = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0,
                Native.WSA_FLAG_OVERLAPPED | Native.WSA_FLAG_NO_HANDLE_INHERIT);
            if (listener == Native.INVALID_SOCKET)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASocketW");

            try
            {
                if (Native.WSASetSocketSecurity(listener, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");

                var address = new SOCKADDR_IN { sin_family = Native.AF_INET, sin_port = (ushort)IPAddress.HostToNetworkOrder((short)port) };
                if (Native.bind(listener, ref address, Marshal.SizeOf<SOCKADDR_IN>()) == Native.SOCKET_ERROR ||
                    Native.listen(listener, 128) == Native.SOCKET_ERROR)
                    throw new Win32Exception(Native.WSAGetLastError(), "bind/listen");

                while (!token.IsCancellationRequested)
                {
                    IntPtr client = Native.accept(listener, IntPtr.Zero, IntPtr.Zero);
                    if (client == Native.INVALID_SOCKET)
                        continue;

                    try
                    {
                        if ({|SSX010:Native.WSAImpersonateSocketPeer(client, IntPtr.Zero, 0)|} != 0)
                            continue; // peer not authenticated by IPsec: drop the call

                        try
                        {
                            _handler.Handle(client);
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
