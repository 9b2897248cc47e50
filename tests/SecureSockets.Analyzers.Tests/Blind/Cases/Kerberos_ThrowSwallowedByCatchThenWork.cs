// Expect: SSX005, SSX016
// Why: Precision 6 ("a `throw` that a `catch` in the same method swallows before the work continues is not leaving the region"): the failure throw is caught, logged, and the access check runs as the service. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Diagnostics;
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

        public bool IsMemberOf(string group)
        {
            try
            {
                int status = {|SSX005:NativeMethods.ImpersonateSecurityContext(ref this.securityContext)|};
                if (status != NativeMethods.SEC_E_OK)
                    throw new Win32Exception(status);
            }
            catch (Win32Exception ex)
            {
                Debug.WriteLine("Impersonation failed, evaluating membership without it: " + ex.Message);
            }

            try
            {
                using (var identity = WindowsIdentity.GetCurrent())
                {
                    return new WindowsPrincipal(identity).IsInRole(group);
                }
            }
            finally
            {
                {|SSX016:NativeMethods.RevertSecurityContext(ref this.securityContext)|};
            }
        }
    }
}
