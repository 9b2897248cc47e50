// Expect: SSX016
// Why: RULES precision 8 "Unknown provenance is not proof ... overlapped-ness (SSX010), socket kind (SSX009), connectedness (SSX011) are reported only when the creation is visible on every path": the SafeSocketHandle comes from the caller and nothing in the method makes it non-blocking, so the impersonation is silent; checked (return false) and reverted in finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace CohoVineyard.Orders.Authorization
{
    internal static class Native
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSAImpersonateSocketPeer(SafeSocketHandle s, IntPtr peerAddr, uint peerAddrLen);

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public sealed class PeerGroupAuthorizer
    {
        private readonly SecurityIdentifier _wholesaleGroup;
        private readonly Action<string> _audit;

        public PeerGroupAuthorizer(string wholesaleGroupSid, Action<string> audit)
        {
            _wholesaleGroup = new SecurityIdentifier(wholesaleGroupSid);
            _audit = audit;
        }

        /// <summary>Called by the order listener for every accepted connection (blocking sockets only).</summary>
        public bool IsWholesalePartner(SafeSocketHandle connection)
        {
            bool addedRef = false;
            connection.DangerousAddRef(ref addedRef);
            try
            {
                if (Native.WSAImpersonateSocketPeer(connection, IntPtr.Zero, 0) != 0)
                {
                    _audit($"peer impersonation failed: {Native.WSAGetLastError()}");
                    return false;
                }

                try
                {
                    using WindowsIdentity identity = WindowsIdentity.GetCurrent(TokenAccessLevels.Query);
                    bool member = new WindowsPrincipal(identity).IsInRole(_wholesaleGroup);
                    _audit($"{identity.Name} wholesale={member}");
                    return member;
                }
                finally
                {
                    {|SSX016:Native.WSARevertImpersonation()|};
                }
            }
            finally
            {
                if (addedRef)
                    connection.DangerousRelease();
            }
        }
    }
}
