// Expect: SSX016
// Why: SSX008 wants an await reached while impersonation is active: here one await is on the failure branch (not impersonated, Precision 5/SSX003 "paths on which the call's result shows failure") and the others follow the finally that calls WSARevertImpersonation. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Principal;
using System.Text;
using System.Threading;
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
    }

    public interface IGatewayPolicy
    {
        bool IsAllowed(WindowsIdentity peer, string route);
    }

    public sealed class GatewayConnectionHandler
    {
        private readonly IGatewayPolicy _policy;

        public GatewayConnectionHandler(IGatewayPolicy policy)
        {
            _policy = policy;
        }

        public async Task HandleAsync(IntPtr acceptedSocket, Stream stream, string route, CancellationToken cancellationToken)
        {
            if (SecureSocketApi.WSAImpersonateSocketPeer(acceptedSocket, IntPtr.Zero, 0) == SecureSocketApi.SOCKET_ERROR)
            {
                await WriteStatusAsync(stream, "401 peer not authenticated", cancellationToken).ConfigureAwait(false);
                return;
            }

            bool allowed;
            string peerName;
            try
            {
                using (WindowsIdentity peer = WindowsIdentity.GetCurrent())
                {
                    peerName = peer.Name;
                    allowed = _policy.IsAllowed(peer, route);
                }
            }
            finally
            {
                {|SSX016:SecureSocketApi.WSARevertImpersonation()|};
            }

            string status = allowed ? "200 OK " + peerName : "403 forbidden";
            await WriteStatusAsync(stream, status, cancellationToken).ConfigureAwait(false);
        }

        private static async Task WriteStatusAsync(Stream stream, string status, CancellationToken cancellationToken)
        {
            byte[] payload = Encoding.ASCII.GetBytes(status + "\r\n");
            await stream.WriteAsync(payload, 0, payload.Length, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
