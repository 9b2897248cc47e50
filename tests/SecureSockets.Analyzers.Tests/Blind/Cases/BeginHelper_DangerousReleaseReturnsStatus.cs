// Expect: SSX016
// Why: Precision 2 and 21: the wrapper impersonates and after success only runs DangerousRelease in its finally and returns the status, so it is a begin-helper; its caller tests the status and reverts in a finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Northwind.Net.Security
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class Interop
    {
        [DllImport("sspicli.dll", ExactSpelling = true)]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("sspicli.dll", ExactSpelling = true)]
        internal static extern int RevertSecurityContext(ref SecHandle phContext);

        [DllImport("sspicli.dll", ExactSpelling = true)]
        internal static extern int DeleteSecurityContext(ref SecHandle phContext);
    }

    internal sealed class SafeDeleteContext : SafeHandle
    {
        internal SecHandle _handle;

        public SafeDeleteContext() : base(IntPtr.Zero, ownsHandle: true) { }

        public override bool IsInvalid => _handle.dwLower == IntPtr.Zero && _handle.dwUpper == IntPtr.Zero;

        protected override bool ReleaseHandle() => Interop.DeleteSecurityContext(ref _handle) == 0;
    }

    internal static class SspiWrapper
    {
        internal static int ImpersonateSecurityContext(SafeDeleteContext context)
        {
            bool refAdded = false;
            int status;
            try
            {
                context.DangerousAddRef(ref refAdded);
                status = Interop.ImpersonateSecurityContext(ref context._handle);
            }
            finally
            {
                if (refAdded)
                    context.DangerousRelease();
            }
            return status;
        }
    }

    internal sealed class NegotiateFileHandler
    {
        public string[] ListHomeDirectory(SafeDeleteContext context, string homeDirectory)
        {
            int status = SspiWrapper.ImpersonateSecurityContext(context);
            if (status != 0)
                throw new Win32Exception(status, "ImpersonateSecurityContext failed");

            try
            {
                return Directory.GetFileSystemEntries(homeDirectory);
            }
            finally
            {
                {|SSX016:Interop.RevertSecurityContext(ref context._handle)|};
            }
        }
    }
}
