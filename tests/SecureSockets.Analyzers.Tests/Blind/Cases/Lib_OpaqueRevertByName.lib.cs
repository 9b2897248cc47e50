// BlindLib: a vendor's SSPI session library shipped as a project reference, without contract attributes.
using System;
using System.Runtime.InteropServices;

namespace Vendor.Interop.Sspi
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    public sealed class SspiServerSession
    {
        [DllImport("secur32.dll")]
        private static extern int RevertSecurityContext(ref SecHandle phContext);

        private SecHandle _context;

        public SspiServerSession(SecHandle context)
        {
            _context = context;
        }

        public SecHandle ContextHandle => _context;

        public string PackageName { get; set; } = "Kerberos";

        /// <summary>Returns the thread to the service's own context.</summary>
        public void RevertClientContext()
        {
            int status = RevertSecurityContext(ref _context);
            if (status != 0)
                Environment.FailFast("RevertSecurityContext failed: 0x" + status.ToString("X8"));
        }
    }
}
