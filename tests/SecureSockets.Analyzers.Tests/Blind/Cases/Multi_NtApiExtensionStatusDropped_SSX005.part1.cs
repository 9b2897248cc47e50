// Companion of Multi_NtApiExtensionStatusDropped_SSX005: NtApiDotNet-style status type, renamed SSPI P/Invoke and the throwing status check.
using System;
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
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    public sealed class SspiException : ApplicationException
    {
        public SspiException(SecStatusCode status)
            : base($"SSPI call failed: {status}")
        {
            Status = status;
        }

        public SecStatusCode Status { get; }
    }

    internal static class SecurityNativeMethods
    {
        [DllImport("Secur32.dll", EntryPoint = "ImpersonateSecurityContext", CharSet = CharSet.Unicode)]
        internal static extern SecStatusCode ImpersonateSecurityContextNative(ref SecHandle phContext);

        [DllImport("Secur32.dll", EntryPoint = "RevertSecurityContext", CharSet = CharSet.Unicode)]
        internal static extern SecStatusCode RevertSecurityContextNative(ref SecHandle phContext);
    }

    public static class SecStatusCodeExtensions
    {
        public static SecStatusCode CheckResult(this SecStatusCode result, bool throw_on_error = true)
        {
            if (throw_on_error && result != SecStatusCode.SUCCESS)
                throw new SspiException(result);
            return result;
        }
    }
}
