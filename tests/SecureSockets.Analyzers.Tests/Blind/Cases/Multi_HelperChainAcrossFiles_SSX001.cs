// Expect: SSX001
// Why: SSX001 ("reported at a secure event on S that is reached, on some path, after a bind, listen or connect on S"; C-SEC-1, C-SEC-6) with "a call to the helper counts as the event it performs on its argument" (summaries at most 3 calls deep): TransportSecurity.Secure (part2) -> SecurityHelpers.ApplyCore (part2) -> WinsockNative.SetSocketSecurity (part1, `EntryPoint = "WSASetSocketSecurity"`, module name from a constant; precision 1) secures the socket two calls down, and the channel calls it only after the renamed `connect` (EntryPoint "connect") succeeded. Reported at the helper call in this file. The helper throws on failure (SSX007 silent); the plain SOCKET_SECURITY_SETTINGS with its Marshal.SizeOf length is neither SSX012 nor SSX013; the connect comes before securing, so SSX015 does not apply.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using Fabrikam.Replication.Interop;
using Fabrikam.Replication.Security;

namespace Fabrikam.Replication.Transport
{
    public sealed class ReplicationChannelOptions
    {
        public bool RequireIpsec { get; set; } = true;
        public bool RequireEncryption { get; set; }
    }

    public sealed class ReplicationChannel : IDisposable
    {
        private IntPtr _socket = WinsockNative.INVALID_SOCKET;

        public bool IsOpen => _socket != WinsockNative.INVALID_SOCKET;

        public void Open(SOCKADDR_IN partner, ReplicationChannelOptions options)
        {
            IntPtr s = WinsockNative.CreateSocket(WinsockNative.AF_INET, WinsockNative.SOCK_STREAM, WinsockNative.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == WinsockNative.INVALID_SOCKET)
                throw new Win32Exception(WinsockNative.WSAGetLastError(), "WSASocketW");

            if (WinsockNative.Connect(s, ref partner, Marshal.SizeOf<SOCKADDR_IN>()) == WinsockNative.SOCKET_ERROR)
            {
                int error = WinsockNative.WSAGetLastError();
                WinsockNative.closesocket(s);
                throw new Win32Exception(error, "connect");
            }

            // Partners inside the domain isolation zone only talk IPsec; turn it on for this session.
            if (options.RequireIpsec)
            {
                {|SSX001:TransportSecurity.Secure(s, options.RequireEncryption)|};
            }

            _socket = s;
        }

        public void Dispose()
        {
            if (_socket != WinsockNative.INVALID_SOCKET)
            {
                WinsockNative.closesocket(_socket);
                _socket = WinsockNative.INVALID_SOCKET;
            }
        }
    }
}
