// Expect: SSX016
// Why: Contracts across assemblies: the attributed peer begin's status is compared with SOCKET_ERROR and the failure returns (SSX005 silent); the `[RevertsImpersonation]` helper runs in finally (SSX003 silent). SSX016 (added with that rule): the [RevertsImpersonation] helper returns a status that is dropped (C-SSPI-3, C-ALL-2).
using System;
using System.Diagnostics;
using System.Security.Principal;
using Contoso.Net.SecureSockets;

namespace Contoso.Deploy.Agent
{
    public interface IDeploymentAcl
    {
        bool MayDeploy(WindowsIdentity peer, string package);
    }

    public sealed class DeployRequestAuthorizer
    {
        private readonly IDeploymentAcl _acl;

        public DeployRequestAuthorizer(IDeploymentAcl acl)
        {
            _acl = acl;
        }

        public bool Authorize(IntPtr acceptedSocket, string package)
        {
            if (PeerAuthorization.ImpersonatePeer(acceptedSocket) == PeerAuthorization.SOCKET_ERROR)
            {
                Trace.TraceWarning("Peer impersonation failed ({0}); refusing {1}", PeerAuthorization.WSAGetLastError(), package);
                return false;
            }

            try
            {
                using (WindowsIdentity peer = WindowsIdentity.GetCurrent())
                {
                    return _acl.MayDeploy(peer, package);
                }
            }
            finally
            {
                {|SSX016:PeerAuthorization.RevertPeer()|};
            }
        }
    }
}
