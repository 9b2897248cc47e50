// Expect: SSX016
// Why: Precision 6 (a result stored to an out parameter leaves sight: silent) and the bool returned by TryImpersonate is tested before the work, which is reverted in finally; correct code either way the helper is read. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace System.IdentityModel.Selectors
{
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal struct SSPIHandle
    {
        private IntPtr HandleHi;
        private IntPtr HandleLo;
    }

    internal static class NativeMethods
    {
        [DllImport("security.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern int ImpersonateSecurityContext(ref SSPIHandle handlePtr);

        [DllImport("security.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern int RevertSecurityContext(ref SSPIHandle handlePtr);
    }

    internal sealed class SecurityContextHolder
    {
        internal SSPIHandle Handle;

        internal bool TryImpersonate(out int status)
        {
            status = NativeMethods.ImpersonateSecurityContext(ref Handle);
            return status == 0;
        }

        internal void Revert()
        {
            {|SSX016:NativeMethods.RevertSecurityContext(ref Handle)|};
        }
    }

    internal sealed class KerberosSecurityTokenAuthenticatorImpl
    {
        internal WindowsIdentity CaptureIdentity(SecurityContextHolder context)
        {
            if (!context.TryImpersonate(out int status))
            {
                throw new InvalidOperationException("Unable to impersonate the Kerberos client.", new Win32Exception(status));
            }

            try
            {
                return WindowsIdentity.GetCurrent(TokenAccessLevels.MaximumAllowed);
            }
            finally
            {
                context.Revert();
            }
        }
    }
}
