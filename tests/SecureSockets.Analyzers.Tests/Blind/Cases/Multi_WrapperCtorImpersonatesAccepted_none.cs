// Expect: none
// Why: SSX003 ("not reported when responsibility moves to an object whose Dispose reverts (a wrapper type's constructor or factory)"; precision 3, C-IMP-1): PeerImpersonationScope's constructor (part2) calls the renamed WSAImpersonateSocketPeer (part1, EntryPoint; precision 1), throws on failure (SSX005 silent) and only sets its active flag (bookkeeping, precision 21); its Dispose reverts while active and fails fast when WSARevertImpersonation fails (SSX016 silent). The server covers each request with `using (new PeerImpersonationScope(client))`. The socket facts are visible and right: the listener is WSASocketW(AF_INET, SOCK_STREAM, ..., flags 0) — not overlapped, a supported kind — and the impersonated socket is accepted from it, so it is connected and inherits the listener's attributes (SSX009, SSX010, SSX011 silent; C-IMP-2, C-IMP-3). The listener is secured through ListenerSecurity.RequireIpsec -> SecureCore (part2, throws on failure) before bind (C-SEC-2): SSX001/SSX007 silent; there is no connect (SSX015 does not apply).
using System;
using System.ComponentModel;
using System.IO;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using Woodgrove.Backup.Agent.Interop;

namespace Woodgrove.Backup.Agent
{
    public sealed class BackupCatalogListener
    {
        private readonly string _catalogRoot;

        public BackupCatalogListener(string catalogRoot)
        {
            _catalogRoot = catalogRoot;
        }

        public void Run(ushort port, CancellationToken cancellation)
        {
            // No WSA_FLAG_OVERLAPPED: WSAImpersonateSocketPeer needs blocking, non-overlapped sockets.
            IntPtr listener = Ws2.WSASocketW(Ws2.AF_INET, Ws2.SOCK_STREAM, Ws2.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (listener == Ws2.INVALID_SOCKET)
                throw new Win32Exception(Ws2.WSAGetLastError(), "WSASocketW");

            try
            {
                ListenerSecurity.RequireIpsec(listener);

                var any = new SOCKADDR_IN
                {
                    sin_family = Ws2.AF_INET,
                    sin_port = (ushort)IPAddress.HostToNetworkOrder((short)port),
                };
                if (Ws2.bind(listener, ref any, Marshal.SizeOf<SOCKADDR_IN>()) == Ws2.SOCKET_ERROR
                    || Ws2.listen(listener, 16) == Ws2.SOCKET_ERROR)
                {
                    throw new Win32Exception(Ws2.WSAGetLastError(), "bind/listen");
                }

                while (!cancellation.IsCancellationRequested)
                {
                    IntPtr client = Ws2.accept(listener, IntPtr.Zero, IntPtr.Zero);
                    if (client == Ws2.INVALID_SOCKET)
                        continue;

                    try
                    {
                        using (new PeerImpersonationScope(client))
                        {
                            ServeCatalogRequest(client);
                        }
                    }
                    finally
                    {
                        Ws2.closesocket(client);
                    }
                }
            }
            finally
            {
                Ws2.closesocket(listener);
            }
        }

        private void ServeCatalogRequest(IntPtr client)
        {
            var request = new byte[512];
            int received = Ws2.recv(client, request, request.Length, 0);
            if (received <= 0)
                return;

            string job = Encoding.UTF8.GetString(request, 0, received).Trim();
            string path = Path.Combine(_catalogRoot, Path.GetFileName(job) + ".catalog");
            byte[] reply = File.Exists(path) ? File.ReadAllBytes(path) : Encoding.UTF8.GetBytes("ERR no such job");
            Ws2.send(client, reply, reply.Length, 0);
        }
    }
}
