// Expect: SSX005, SSX016
// Why: Precision 2 ("a call to it is an impersonate event at the call site, judged there") and SSX005 ("its result is discarded"): the begin-helper returns the status, and the caller drops it before running the work. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Woodgrove.Print.Gateway
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class NativeMethods
    {
        [DllImport("secur32.dll")]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        internal static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    internal sealed class ContextHolder : SafeHandle
    {
        internal SecHandle Handle;

        public ContextHolder() : base(IntPtr.Zero, true) { }

        public override bool IsInvalid => Handle.dwLower == IntPtr.Zero;

        protected override bool ReleaseHandle() => true;

        internal int Impersonate()
        {
            bool added = false;
            DangerousAddRef(ref added);
            int status = NativeMethods.ImpersonateSecurityContext(ref Handle);
            if (added)
                DangerousRelease();
            return status;
        }
    }

    internal sealed class QueueViewer
    {
        public string[] ListJobs(ContextHolder client, string queueDirectory)
        {
            {|SSX005:client.Impersonate()|};
            try
            {
                return Directory.GetFiles(queueDirectory, "*.spl");
            }
            finally
            {
                {|SSX016:NativeMethods.RevertSecurityContext(ref client.Handle)|};
            }
        }
    }
}
