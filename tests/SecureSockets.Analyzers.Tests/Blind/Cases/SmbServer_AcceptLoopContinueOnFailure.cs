// Expect: SSX016
// Why: SSX005 ("leaving the region — continue — is handling it") and SSX003 (revert in finally) for a server accept loop; each turn reaches WSAImpersonateSocketPeer again (Precision 22). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Principal;
using System.Threading;

namespace SmbLite.Server
{
    internal static class Ws2
    {
        internal const int WSAEINTR = 10004;
        internal static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);

        [DllImport("ws2_32.dll")]
        internal static extern int closesocket(IntPtr s);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, uint peerAddrLen);

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSARevertImpersonation();
    }

    public interface IShareAcl
    {
        bool CheckAccess(WindowsIdentity identity);
    }

    public sealed class SmbSession
    {
        public SmbSession(IntPtr socket) { Socket = socket; }
        public IntPtr Socket { get; }
    }

    public sealed class SmbConnectionManager
    {
        private readonly IntPtr _listener;
        private readonly IShareAcl _acl;
        private readonly List<SmbSession> _sessions = new List<SmbSession>();

        public SmbConnectionManager(IntPtr listener, IShareAcl acl)
        {
            _listener = listener;
            _acl = acl;
        }

        public void AcceptLoop(CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                IntPtr client = Ws2.accept(_listener, IntPtr.Zero, IntPtr.Zero);
                if (client == Ws2.INVALID_SOCKET)
                {
                    if (Ws2.WSAGetLastError() == Ws2.WSAEINTR)
                        break;
                    continue;
                }

                if (Ws2.WSAImpersonateSocketPeer(client, IntPtr.Zero, 0) != 0)
                {
                    Trace.TraceWarning("SMB: cannot impersonate peer, error {0}", Ws2.WSAGetLastError());
                    Ws2.closesocket(client);
                    continue;
                }

                bool allowed;
                try
                {
                    using (WindowsIdentity peer = WindowsIdentity.GetCurrent(true))
                    {
                        allowed = peer != null && _acl.CheckAccess(peer);
                    }
                }
                finally
                {
                    {|SSX016:Ws2.WSARevertImpersonation()|};
                }

                if (!allowed)
                {
                    Ws2.closesocket(client);
                    continue;
                }

                _sessions.Add(new SmbSession(client));
            }
        }
    }
}
