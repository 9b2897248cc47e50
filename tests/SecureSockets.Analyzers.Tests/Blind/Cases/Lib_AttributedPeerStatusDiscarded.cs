// Expect: SSX005, SSX016
// Why: Contracts across assemblies ("its failure convention is its return type's (status …)") + SSX005 ("reported … when its result is discarded"): the int status of the attributed peer begin is dropped; the attributed revert in finally rules out SSX003. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
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
            {|SSX005:PeerAuthorization.ImpersonatePeer(acceptedSocket)|};
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
