// Expect: SSX016
// Why: Precision 18: the NO_IMPERSONATION throw, the UNSUPPORTED_FUNCTION return and the final `!= SEC_E_OK` throw add up to a complete test before the work, and the revert is in a finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Northwind.FileGateway.Security
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class SspiNative
    {
        public const int SEC_E_OK = 0;
        public const int SEC_E_UNSUPPORTED_FUNCTION = unchecked((int)0x80090302);
        public const int SEC_E_NO_IMPERSONATION = unchecked((int)0x8009030B);

        [DllImport("secur32.dll", ExactSpelling = true)]
        public static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll", ExactSpelling = true)]
        public static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    public sealed class ShareReader
    {
        private readonly string _root;
        private SecHandle _context;

        internal ShareReader(string root, SecHandle context)
        {
            _root = root;
            _context = context;
        }

        public bool TryReadAsClient(string relativePath, out byte[] contents)
        {
            contents = null;
            int status = SspiNative.ImpersonateSecurityContext(ref _context);
            if (status == SspiNative.SEC_E_NO_IMPERSONATION)
                throw new UnauthorizedAccessException("The client token only allows identification.");
            if (status == SspiNative.SEC_E_UNSUPPORTED_FUNCTION)
                return false;
            if (status != SspiNative.SEC_E_OK)
                throw new Win32Exception(status, "ImpersonateSecurityContext failed.");

            try
            {
                contents = File.ReadAllBytes(Path.Combine(_root, relativePath));
                return true;
            }
            finally
            {
                {|SSX016:SspiNative.RevertSecurityContext(ref _context)|};
            }
        }
    }
}
