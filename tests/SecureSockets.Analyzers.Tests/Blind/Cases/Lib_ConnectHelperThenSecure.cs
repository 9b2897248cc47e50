// Expect: SSX001
// Why: Contracts across assemblies (`[ConnectsSocket("socket")]` makes ConnectTo a connect of `s`) + SSX001 / C-SEC-1: WSASetSocketSecurity after the connect fails with WSAEISCONN.
using System;
using System.Net;
using System.Runtime.InteropServices;
using Contoso.Net.Interop;

namespace Contoso.Sync.Client
{
    internal static class Native
    {
        internal const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6;

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSASetSocketSecurity(IntPtr socket, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);
    }

    public sealed class SyncChannel
    {
        public IntPtr Socket { get; private set; }

        public void Open(IPEndPoint server)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);

            WinsockHelpers.ConnectTo(s, server);

            // Require IPsec for the sync traffic.
            Win32Check.ThrowIfSocketError(
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|},
                "WSASetSocketSecurity");

            Socket = s;
        }
    }
}
