// Expect: SSX008, SSX016
// Why: SSX008 / C-ALL-1 for peer impersonation: `await` of the ACL lookup runs between WSAImpersonateSocketPeer and WSARevertImpersonation. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Principal;
using System.Threading.Tasks;

namespace Contoso.SecureGateway
{
    internal static class SecureSocketApi
    {
        internal const int SOCKET_ERROR = -1;

        [DllImport("Fwpuclnt.dll", ExactSpelling = true)]
        internal static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint peerAddrLen);

        [DllImport("Fwpuclnt.dll", ExactSpelling = true)]
        internal static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public interface IRouteAclStore
    {
        Task<bool> IsAllowedAsync(string sid, string route);
    }

    public sealed class GatewayAuthorizer
    {
        private readonly IRouteAclStore _store;

        public GatewayAuthorizer(IRouteAclStore store)
        {
            _store = store;
        }

        public async Task<bool> AuthorizeAsync(IntPtr acceptedSocket, string route)
        {
            if (SecureSocketApi.WSAImpersonateSocketPeer(acceptedSocket, IntPtr.Zero, 0) == SecureSocketApi.SOCKET_ERROR)
                throw new SocketException(SecureSocketApi.WSAGetLastError());

            try
            {
                string sid;
                using (WindowsIdentity peer = WindowsIdentity.GetCurrent())
                {
                    sid = peer.User?.Value;
                }

                if (sid == null)
                    return false;

                return {|SSX008:await|} _store.IsAllowedAsync(sid, route);
            }
            finally
            {
                {|SSX016:SecureSocketApi.WSARevertImpersonation()|};
            }
        }
    }
}
