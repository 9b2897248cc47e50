// Expect: SSX016
// Why: Precision 11 (`.CheckResult(throw_on_error: true)` right after the call is a check, not work) and Precision 3/19 (the revert owner, a class with an explicit `void IDisposable.Dispose()`, is created right after success and covers the work). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
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
        public SspiException(SecStatusCode status) : base($"SSPI call failed: {status}") { }
    }

    internal static class SecurityNativeMethods
    {
        [DllImport("Secur32.dll", CharSet = CharSet.Unicode)]
        internal static extern SecStatusCode ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("Secur32.dll", CharSet = CharSet.Unicode)]
        internal static extern SecStatusCode RevertSecurityContext(ref SecHandle phContext);
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

    internal sealed class SecurityContextRevert : IDisposable
    {
        private SecHandle _handle;
        private bool _reverted;

        public SecurityContextRevert(SecHandle handle)
        {
            _handle = handle;
        }

        void IDisposable.Dispose()
        {
            if (_reverted)
                return;
            _reverted = true;
            {|SSX016:SecurityNativeMethods.RevertSecurityContext(ref _handle)|};
        }
    }

    public sealed class ServerAuthenticationContext
    {
        private SecHandle _context;

        public ServerAuthenticationContext(SecHandle context)
        {
            _context = context;
        }

        public string[] ListDirectoryAsClient(string path, bool recursive)
        {
            SecurityNativeMethods.ImpersonateSecurityContext(ref _context).CheckResult(throw_on_error: true);
            using (new SecurityContextRevert(_context))
            {
                var option = recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
                if (!Directory.Exists(path))
                    return Array.Empty<string>();
                return Directory.GetFiles(path, "*", option);
            }
        }

        public void WriteFileAsClient(string path, byte[] contents)
        {
            SecurityNativeMethods.ImpersonateSecurityContext(ref _context).CheckResult();
            IDisposable revert = new SecurityContextRevert(_context);
            try
            {
                File.WriteAllBytes(path, contents);
            }
            finally
            {
                revert.Dispose();
            }
        }
    }
}
