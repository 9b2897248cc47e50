// Expect: SSX016
// Why: Precision 4 ("a bool local whose last assignment on the path is a constant has that value"): `impersonating = true` only after a successful ImpersonateSecurityContext, and the finally reverts under `if (impersonating)`. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace Kerberos.NET.Win32
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SECURITY_HANDLE
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class NativeMethods
    {
        internal const int SEC_E_OK = 0;

        [DllImport("sspicli.dll")]
        internal static extern int ImpersonateSecurityContext(ref SECURITY_HANDLE phContext);

        [DllImport("sspicli.dll")]
        internal static extern int RevertSecurityContext(ref SECURITY_HANDLE phContext);
    }

    public sealed class SspiContext
    {
        private SECURITY_HANDLE securityContext;

        public bool IsAuthenticated { get; internal set; }

        public string ImpersonationRequiredFor { get; set; } = "S4U";

        /// <summary>
        /// Runs the supplied check as the authenticated client when the context allows it,
        /// otherwise as the service account.
        /// </summary>
        public bool EvaluateAccess(Func<WindowsIdentity, bool> accessCheck, bool allowImpersonation)
        {
            if (accessCheck == null)
                throw new ArgumentNullException(nameof(accessCheck));

            bool impersonating = false;

            if (allowImpersonation && this.IsAuthenticated)
            {
                int status = NativeMethods.ImpersonateSecurityContext(ref this.securityContext);

                if (status != NativeMethods.SEC_E_OK)
                {
                    throw new Win32Exception(status, "Could not impersonate the Kerberos client");
                }

                impersonating = true;
            }

            try
            {
                using (var identity = WindowsIdentity.GetCurrent())
                {
                    return accessCheck(identity);
                }
            }
            finally
            {
                if (impersonating)
                {
                    {|SSX016:NativeMethods.RevertSecurityContext(ref this.securityContext)|};
                }
            }
        }
    }
}
