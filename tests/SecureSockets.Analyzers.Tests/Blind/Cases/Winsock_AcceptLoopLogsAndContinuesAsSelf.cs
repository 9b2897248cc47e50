// Expect: SSX005, SSX016
// Why: SSX005 / C-SSPI-5, C-ALL-2 ("the failure path rejoins the work that was meant to run impersonated"): when WSAImpersonateSocketPeer fails the loop only logs and still handles the request, as the service account. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;

namespace Contoso.Remote.Shell
{
    internal static class Ws2
    {
        public const int SOCKET_ERROR = -1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);

        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSAImpersonateSocketPeer(IntPtr s, IntPtr peerAddr, uint peerAddrLen);

        [DllImport("fwpuclnt.dll")]
        public static extern int WSARevertImpersonation();
    }

    public interface ICommandSession
    {
        void Run(IntPtr socket);
    }

    public sealed class RemoteShellServer
    {
        private readonly IntPtr _listener;
        private readonly Func<ICommandSession> _sessionFactory;

        public RemoteShellServer(IntPtr listener, Func<ICommandSession> sessionFactory)
        {
            _listener = listener;
            _sessionFactory = sessionFactory;
        }

        public void Serve(CancellationToken cancellation)
        {
            while (!cancellation.IsCancellationRequested)
            {
                IntPtr client = Ws2.accept(_listener, IntPtr.Zero, IntPtr.Zero);
                if (client == Ws2.INVALID_SOCKET)
                    continue;

                int rc = {|SSX005:Ws2.WSAImpersonateSocketPeer(client, IntPtr.Zero, 0)|};
                if (rc == Ws2.SOCKET_ERROR)
                {
                    Trace.TraceError("WSAImpersonateSocketPeer failed: {0}", Ws2.WSAGetLastError());
                }

                try
                {
                    _sessionFactory().Run(client);
                }
                finally
                {
                    {|SSX016:Ws2.WSARevertImpersonation()|};
                    Ws2.closesocket(client);
                }
            }
        }
    }
}
