// Expect: SSX004, SSX016
// Why: Precision 3 ("work between success and the hand-off that may throw still counts"): setting Thread.CurrentPrincipal creates a WindowsIdentity/WindowsPrincipal after ImpersonateSecurityContext succeeded and before the owner is returned. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Runtime.InteropServices;
using System.Security.Principal;
using System.Threading;

namespace NSspi.Contexts
{
    public enum SecurityStatus : uint
    {
        OK = 0,
        InternalError = 0x80090304,
        Unsupported = 0x80090302,
        NoImpersonation = 0x8009030B,
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct RawSspiHandle { public IntPtr LowPart; public IntPtr HighPart; }

    public class SSPIException : Exception
    {
        public SSPIException(string message, SecurityStatus status) : base(message + ": " + status) { }
    }

    internal static class ContextNativeMethods
    {
        [DllImport("Secur32.dll", EntryPoint = "ImpersonateSecurityContext")]
        internal static extern SecurityStatus ImpersonateSecurityContext(ref RawSspiHandle contextHandle);

        [DllImport("Secur32.dll", EntryPoint = "RevertSecurityContext")]
        internal static extern SecurityStatus RevertSecurityContext(ref RawSspiHandle contextHandle);
    }

    public sealed class ServerContext
    {
        internal RawSspiHandle rawHandle;
        private readonly bool impersonationSetsThreadPrinciple;

        public ServerContext(bool impersonationSetsThreadPrinciple)
        {
            this.impersonationSetsThreadPrinciple = impersonationSetsThreadPrinciple;
        }

        public ImpersonationHandle ImpersonateClient()
        {
            SecurityStatus status = {|SSX004:ContextNativeMethods.ImpersonateSecurityContext(ref this.rawHandle)|};

            if (status == SecurityStatus.NoImpersonation)
                throw new SSPIException("Impersonation could not be performed", status);
            else if (status == SecurityStatus.Unsupported)
                throw new SSPIException("Impersonation is not supported by the security context's Security Support Provider", status);
            else if (status != SecurityStatus.OK)
                throw new SSPIException("Failed to impersonate the client", status);

            if (this.impersonationSetsThreadPrinciple)
            {
                Thread.CurrentPrincipal = new WindowsPrincipal(WindowsIdentity.GetCurrent(true));
            }

            return new ImpersonationHandle(this);
        }

        internal void RevertImpersonation()
        {
            {|SSX016:ContextNativeMethods.RevertSecurityContext(ref this.rawHandle)|};
        }
    }

    public sealed class ImpersonationHandle : IDisposable
    {
        private readonly ServerContext server;
        private bool disposed;

        internal ImpersonationHandle(ServerContext server) { this.server = server; }

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            server.RevertImpersonation();
        }
    }
}
