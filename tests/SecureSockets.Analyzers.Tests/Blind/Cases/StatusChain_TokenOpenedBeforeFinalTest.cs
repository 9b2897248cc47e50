// Expect: SSX005, SSX016
// Why: Precision 10 and 18: after the partial NO_IMPERSONATION test both outcomes remain, and OpenThreadToken (the work the success branch does) runs before the complete `!= SEC_E_OK` test; the finally reverts, so no SSX004. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;
using Microsoft.Win32.SafeHandles;

namespace Woodgrove.Ldap.Proxy
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct CredHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class Native
    {
        public const int SEC_E_OK = 0;
        public const int SEC_E_NO_IMPERSONATION = unchecked((int)0x8009030B);
        public const uint TOKEN_QUERY = 0x0008;

        [DllImport("secur32.dll")]
        public static extern int ImpersonateSecurityContext(ref CredHandle phContext);

        [DllImport("secur32.dll")]
        public static extern int RevertSecurityContext(ref CredHandle phContext);

        [DllImport("advapi32.dll", SetLastError = true)]
        public static extern bool OpenThreadToken(IntPtr threadHandle, uint desiredAccess, bool openAsSelf, out SafeAccessTokenHandle tokenHandle);

        [DllImport("kernel32.dll")]
        public static extern IntPtr GetCurrentThread();
    }

    internal sealed class BindIdentityResolver
    {
        public string ResolveCaller(ref CredHandle serverContext)
        {
            int status = {|SSX005:Native.ImpersonateSecurityContext(ref serverContext)|};
            if (status == Native.SEC_E_NO_IMPERSONATION)
                return null;

            try
            {
                if (!Native.OpenThreadToken(Native.GetCurrentThread(), Native.TOKEN_QUERY, true, out SafeAccessTokenHandle token))
                    throw new Win32Exception(Marshal.GetLastWin32Error());

                if (status != Native.SEC_E_OK)
                    throw new Win32Exception(status, "ImpersonateSecurityContext failed.");

                using (token)
                using (var identity = new WindowsIdentity(token.DangerousGetHandle()))
                    return identity.Name;
            }
            finally
            {
                {|SSX016:Native.RevertSecurityContext(ref serverContext)|};
            }
        }
    }
}
