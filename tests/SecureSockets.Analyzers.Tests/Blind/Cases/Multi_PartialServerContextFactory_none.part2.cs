// Companion of Multi_PartialServerContextFactory_none: the owner type and the revert half of the partial ServerContext.
using System;

namespace NSspi.Contexts
{
    public sealed class ImpersonationHandle : IDisposable
    {
        private readonly ServerContext server;
        private bool disposed;

        internal ImpersonationHandle(ServerContext server)
        {
            this.server = server;
        }

        public void Dispose()
        {
            if (disposed)
                return;

            disposed = true;
            server.RevertImpersonation();
        }
    }

    public sealed partial class ServerContext
    {
        internal void RevertImpersonation()
        {
            if (!impersonating)
                return;

            SecurityStatus status = ContextNativeMethods.RevertSecurityContext_Native(ref rawHandle);
            impersonating = false;

            if (status != SecurityStatus.OK)
                throw new SSPIException("Failed to revert the impersonation of the client", status);
        }
    }
}
