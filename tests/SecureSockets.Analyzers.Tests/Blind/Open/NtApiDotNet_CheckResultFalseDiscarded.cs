// Expect: SSX005
// Why: SSX005 + Precision 6: CheckResult(throw_on_error: false) does not throw, so the helper does not handle the failure and its returned status is dropped; the failure path runs the token work that was meant to run impersonated (the finally revert rules out SSX004).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

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
        internal static extern bool OpenThreadToken(IntPtr ThreadHandle, uint DesiredAccess, bool OpenAsSelf, out IntPtr TokenHandle);

        [DllImport("kernel32.dll")]
        internal static extern IntPtr GetCurrentThread();
    }

    internal static class SecStatusCodeExtensions
    {
        internal static SecStatusCode CheckResult(this SecStatusCode result, bool throw_on_error = true)
        {
            if (throw_on_error && result != SecStatusCode.SUCCESS)
                throw new SspiException(result);
            return result;
        }
    }

    public sealed class ServerAuthenticationContext
    {
        private const uint TOKEN_QUERY = 0x0008;
        private const uint TOKEN_DUPLICATE = 0x0002;
        private SecHandle _context;

        /// <summary>Get the client's token by impersonating it and opening the thread token.</summary>
        public IntPtr GetAccessToken()
        {
            // Lenient on purpose: a package without impersonation support shows up as ERROR_NO_TOKEN below.
            {|SSX005:SecurityNativeMethods.ImpersonateSecurityContext(ref _context)|}.CheckResult(false);
            try
            {
                if (!SecurityNativeMethods.OpenThreadToken(SecurityNativeMethods.GetCurrentThread(),
                        TOKEN_QUERY | TOKEN_DUPLICATE, true, out IntPtr token))
                {
                    throw new Win32Exception();
                }
                return token;
            }
            finally
            {
                SecurityNativeMethods.RevertSecurityContext(ref _context);
            }
        }
    }
}
