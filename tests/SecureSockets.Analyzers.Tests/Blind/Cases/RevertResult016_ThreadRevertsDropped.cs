// Expect: SSX016, SSX016
// Why: RULES "Reverts" (RevertToSelf() and SetThreadToken(thread, IntPtr.Zero) count as reverts) + reading 24 "SSX016 covers every revert (…, RevertToSelf, SetThreadToken with a null token)": both thread-level reverts (advapi32) end the SSPI impersonation in a finally (Precision 7, SSX004 silent) but their bool results are dropped as expression statements; one report at each invocation.
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Contoso.Scanning.DropFolder
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class NativeMethods
    {
        [DllImport("secur32.dll")]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("advapi32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool RevertToSelf();

        [DllImport("advapi32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool SetThreadToken(IntPtr thread, IntPtr token);
    }

    public sealed class DropFolderService
    {
        private readonly string _dropRoot;

        public DropFolderService(string dropRoot) => _dropRoot = dropRoot;

        public void StoreScan(ref SecHandle clientContext, string fileName, byte[] image)
        {
            int status = NativeMethods.ImpersonateSecurityContext(ref clientContext);
            if (status != 0)
                throw new Win32Exception(status, "ImpersonateSecurityContext");

            try
            {
                File.WriteAllBytes(Path.Combine(_dropRoot, Path.GetFileName(fileName)), image);
            }
            finally
            {
                {|SSX016:NativeMethods.RevertToSelf()|};
            }
        }

        public string[] ListScans(ref SecHandle clientContext)
        {
            int status = NativeMethods.ImpersonateSecurityContext(ref clientContext);
            if (status != 0)
                throw new Win32Exception(status, "ImpersonateSecurityContext");

            try
            {
                return Directory.GetFiles(_dropRoot, "*.tif");
            }
            finally
            {
                // NULL thread = current thread, NULL token = stop impersonating.
                {|SSX016:NativeMethods.SetThreadToken(IntPtr.Zero, IntPtr.Zero)|};
            }
        }
    }
}
