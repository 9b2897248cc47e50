// Expect: SSX005, SSX016
// Why: SSX005 at the call of a status-returning begin-helper (Precision 2/21): the failure branch only traces and then rejoins the authorization work meant to run impersonated. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace System.IdentityModel
{
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal struct SSPIHandle
    {
        private IntPtr HandleHi;
        private IntPtr HandleLo;
    }

    internal static class SafeNetHandles
    {
        [DllImport("security.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern int ImpersonateSecurityContext(ref SSPIHandle handlePtr);

        [DllImport("security.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern int RevertSecurityContext(ref SSPIHandle handlePtr);
    }

    internal sealed class SafeDeleteContext : SafeHandle
    {
        internal SSPIHandle _handle;

        internal SafeDeleteContext() : base(IntPtr.Zero, true) { }

        public override bool IsInvalid => IsClosed;

        protected override bool ReleaseHandle() => true;

        internal static int ImpersonateSecurityContext(SafeDeleteContext context)
        {
            int status = unchecked((int)0x80090301);
            bool b = false;
            try
            {
                context.DangerousAddRef(ref b);
                status = SafeNetHandles.ImpersonateSecurityContext(ref context._handle);
            }
            finally
            {
                if (b)
                    context.DangerousRelease();
            }
            return status;
        }

        internal static int RevertSecurityContext(SafeDeleteContext context)
        {
            bool b = false;
            try
            {
                context.DangerousAddRef(ref b);
                return SafeNetHandles.RevertSecurityContext(ref context._handle);
            }
            finally
            {
                if (b)
                    context.DangerousRelease();
            }
        }
    }

    internal static class DiagnosticUtility
    {
        internal static void TraceHandledException(Exception exception, TraceEventType type)
        {
            Trace.WriteLine(type + ": " + exception.Message);
        }
    }

    internal sealed class SspiAuthorizationPolicy
    {
        private readonly SafeDeleteContext securityContext;

        internal SspiAuthorizationPolicy(SafeDeleteContext securityContext)
        {
            this.securityContext = securityContext;
        }

        internal bool IsInRole(string groupName)
        {
            int status = {|SSX005:SafeDeleteContext.ImpersonateSecurityContext(this.securityContext)|};
            if (status != 0)
            {
                DiagnosticUtility.TraceHandledException(new Win32Exception(status), TraceEventType.Warning);
            }

            try
            {
                using (WindowsIdentity identity = WindowsIdentity.GetCurrent())
                {
                    return new WindowsPrincipal(identity).IsInRole(groupName);
                }
            }
            finally
            {
                {|SSX016:SafeDeleteContext.RevertSecurityContext(this.securityContext)|};
            }
        }
    }
}
