// BlindLib: an in-house SSPI wrapper library, annotated with the SecureSockets contract attributes.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using SecureSockets.Contracts;

namespace SecureSockets.Contracts
{
    // Declared here, internal: the analyzer matches these by full name, no package dependency.

    public enum ImpersonationKind
    {
        Peer = 0,
        SecurityContext = 1,
    }

    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class BeginsImpersonationAttribute : Attribute
    {
        public BeginsImpersonationAttribute(ImpersonationKind kind) { Kind = kind; }
        public ImpersonationKind Kind { get; }
    }

    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class RevertsImpersonationAttribute : Attribute { }
}

namespace Contoso.Security.Negotiate
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class NativeMethods
    {
        [DllImport("secur32.dll")]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        internal static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    public sealed class NegotiateServerContext
    {
        private SecHandle _context;

        public NegotiateServerContext(SecHandle acceptedContext)
        {
            _context = acceptedContext;
        }

        public string PackageName { get; set; } = "Negotiate";

        [BeginsImpersonation(ImpersonationKind.SecurityContext)]
        public ClientImpersonation ImpersonateClient()
        {
            int status = NativeMethods.ImpersonateSecurityContext(ref _context);
            if (status != 0)
                throw new Win32Exception(status, "ImpersonateSecurityContext failed");
            return new ClientImpersonation(this);
        }

        [RevertsImpersonation]
        internal void Revert()
        {
            {|SSX016:NativeMethods.RevertSecurityContext(ref _context)|};
        }
    }

    public sealed class ClientImpersonation : IDisposable
    {
        private NegotiateServerContext _owner;

        internal ClientImpersonation(NegotiateServerContext owner)
        {
            _owner = owner;
        }

        [RevertsImpersonation]
        public void Dispose()
        {
            _owner?.Revert();
            _owner = null;
        }
    }
}
