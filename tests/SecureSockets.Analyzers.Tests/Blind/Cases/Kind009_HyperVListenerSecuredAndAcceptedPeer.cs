// Expect: SSX009, SSX009, SSX016
// Why: SSX009 + C-SEC-5 / C-IMP-7: the listener is created AF_HYPERV (34) on every path, so securing it is reported; RULES precision 24 "Accepted sockets have the listening socket's family, type and overlapped attribute" makes the impersonation on the accepted socket SSX009 too (a different socket, so precision 22 does not merge the two). WSASocketW flags 0 + accept keep SSX010/SSX011 silent. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Fabrikam.VmIntegration.GuestAgent
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_HV
    {
        public ushort Family;
        public ushort Reserved;
        public Guid VmId;
        public Guid ServiceId;
    }

    internal static class HvSock
    {
        public const int AF_HYPERV = 34;
        public const int SOCK_STREAM = 1;
        public const int HV_PROTOCOL_RAW = 1;
        public const int SOCKET_ERROR = -1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int bind(IntPtr s, ref SOCKADDR_HV name, int namelen);
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

    public interface IGuestCommandDispatcher
    {
        void Execute(IntPtr channel);
    }

    public sealed class GuestControlChannel
    {
        private static readonly Guid HV_GUID_WILDCARD = Guid.Empty;
        private readonly Guid _serviceId;
        private readonly IGuestCommandDispatcher _dispatcher;
        private volatile bool _stopping;

        public GuestControlChannel(Guid serviceId, IGuestCommandDispatcher dispatcher)
        {
            _serviceId = serviceId;
            _dispatcher = dispatcher;
        }

        public void Stop() => _stopping = true;

        public void Run()
        {
            IntPtr listener = HvSock.WSASocketW(HvSock.AF_HYPERV, HvSock.SOCK_STREAM, HvSock.HV_PROTOCOL_RAW, IntPtr.Zero, 0, 0);
            if (listener == HvSock.INVALID_SOCKET)
                throw new Win32Exception(HvSock.WSAGetLastError(), "WSASocketW(AF_HYPERV)");

            try
            {
                // Same hardening as the TCP control port of the host agent.
                if ({|SSX009:HvSock.WSASetSocketSecurity(listener, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} != 0)
                    throw new Win32Exception(HvSock.WSAGetLastError(), "WSASetSocketSecurity");

                var address = new SOCKADDR_HV { Family = HvSock.AF_HYPERV, VmId = HV_GUID_WILDCARD, ServiceId = _serviceId };
                if (HvSock.bind(listener, ref address, Marshal.SizeOf<SOCKADDR_HV>()) == HvSock.SOCKET_ERROR)
                    throw new Win32Exception(HvSock.WSAGetLastError(), "bind");
                if (HvSock.listen(listener, 4) == HvSock.SOCKET_ERROR)
                    throw new Win32Exception(HvSock.WSAGetLastError(), "listen");

                while (!_stopping)
                {
                    IntPtr host = HvSock.accept(listener, IntPtr.Zero, IntPtr.Zero);
                    if (host == HvSock.INVALID_SOCKET)
                        continue;

                    try
                    {
                        if ({|SSX009:HvSock.WSAImpersonateSocketPeer(host, IntPtr.Zero, 0)|} != 0)
                            continue;

                        try
                        {
                            _dispatcher.Execute(host);
                        }
                        finally
                        {
                            {|SSX016:HvSock.WSARevertImpersonation()|};
                        }
                    }
                    finally
                    {
                        HvSock.closesocket(host);
                    }
                }
            }
            finally
            {
                HvSock.closesocket(listener);
            }
        }
    }
}
