// Expect: SSX005, SSX016
// Why: Precision 18 ("a single partial test decides nothing for the branch that stays") and 10: the chain leaves only on SEC_E_NO_IMPERSONATION and SEC_E_UNSUPPORTED_FUNCTION, so SEC_E_INVALID_HANDLE rejoins the work meant to run impersonated (revert in finally: no SSX004). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NtApiDotNet.Win32.Security.Authentication
{
    public enum SecStatusCode : uint
    {
        SUCCESS = 0,
        SEC_E_INVALID_HANDLE = 0x80090301,
        SEC_E_UNSUPPORTED_FUNCTION = 0x80090302,
        SEC_E_NO_IMPERSONATION = 0x8009030B,
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    public sealed class SspiException : ApplicationException
    {
        public SspiException(SecStatusCode status) : base($"SSPI call failed: {status}") { }
    }

    internal static class SecurityNativeMethods
    {
        [DllImport("Secur32.dll", CharSet = CharSet.Unicode)]
        internal static extern SecStatusCode ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("Secur32.dll", CharSet = CharSet.Unicode)]
        internal static extern SecStatusCode RevertSecurityContext(ref SecHandle phContext);

        [DllImport("advapi32.dll", SetLastError = true)]
        internal static extern bool OpenThreadToken(IntPtr ThreadHandle, uint DesiredAccess, bool OpenAsSelf, out SafeAccessTokenHandle TokenHandle);

        [DllImport("kernel32.dll")]
        internal static extern IntPtr GetCurrentThread();
    }

    public sealed class ServerAuthenticationContext
    {
        private const uint MAXIMUM_ALLOWED = 0x02000000;
        private SecHandle _context;

        public SafeAccessTokenHandle GetAccessToken()
        {
            SecStatusCode status = {|SSX005:SecurityNativeMethods.ImpersonateSecurityContext(ref _context)|};
            if (status == SecStatusCode.SEC_E_NO_IMPERSONATION)
                throw new SspiException(status);
            if (status == SecStatusCode.SEC_E_UNSUPPORTED_FUNCTION)
                throw new SspiException(status);

            try
            {
                if (!SecurityNativeMethods.OpenThreadToken(SecurityNativeMethods.GetCurrentThread(), MAXIMUM_ALLOWED, true, out SafeAccessTokenHandle token))
                    throw new UnauthorizedAccessException("Cannot open the impersonation token");
                return token;
            }
            finally
            {
                {|SSX016:SecurityNativeMethods.RevertSecurityContext(ref _context)|};
            }
        }
    }
}
