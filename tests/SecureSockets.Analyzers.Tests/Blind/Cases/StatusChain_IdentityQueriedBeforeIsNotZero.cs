// Expect: SSX005, SSX016
// Why: Precision 10 ("before the first test, only bookkeeping is excused"): WindowsIdentity.GetCurrent runs between WSAImpersonateSocketPeer and its `is not 0` test, so on failure it reads the service's own identity; the finally reverts (no SSX003). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace Proseware.Kiosk.Server
{
    internal static class WinsockSecurity
    {
        [DllImport("Fwpuclnt", SetLastError = true)]
        internal static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("Fwpuclnt", SetLastError = true)]
        internal static extern int WSARevertImpersonation();

        [DllImport("ws2_32")]
        internal static extern int WSAGetLastError();
    }

    public sealed class KioskSessionHandler
    {
        private readonly SecurityIdentifier _kioskOperators;

        public KioskSessionHandler(SecurityIdentifier kioskOperators) => _kioskOperators = kioskOperators;

        public bool IsOperator(IntPtr connection)
        {
            int rc = {|SSX005:WinsockSecurity.WSAImpersonateSocketPeer(connection, IntPtr.Zero, 0)|};
            try
            {
                using WindowsIdentity identity = WindowsIdentity.GetCurrent(TokenAccessLevels.Query);
                if (rc is not 0)
                    throw new SocketException(WinsockSecurity.WSAGetLastError());

                return new WindowsPrincipal(identity).IsInRole(_kioskOperators);
            }
            finally
            {
                {|SSX016:WinsockSecurity.WSARevertImpersonation()|};
            }
        }
    }
}
