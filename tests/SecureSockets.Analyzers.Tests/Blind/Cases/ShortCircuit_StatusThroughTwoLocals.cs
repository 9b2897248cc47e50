// Expect: SSX016
// Why: Precision 5/6 ("returning the status to the caller" leaves the region): the status is copied through two locals, the copy is tested and returned on failure, and the revert is in a finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Fabrikam.Crm.Attachments
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class SecurityInterop
    {
        public const int SEC_E_OK = 0;

        [DllImport("secur32.dll")]
        public static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        public static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    public sealed class AttachmentStore
    {
        private readonly string _root;

        public AttachmentStore(string root) => _root = root;

        public int SaveAs(SecHandle owner, string recordId, string fileName, byte[] content)
        {
            int status = SecurityInterop.ImpersonateSecurityContext(ref owner);
            int hr = status;
            int result = hr;
            if (result != SecurityInterop.SEC_E_OK)
                return result;

            try
            {
                string folder = Path.Combine(_root, recordId);
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(Path.Combine(folder, fileName), content);
            }
            finally
            {
                {|SSX016:SecurityInterop.RevertSecurityContext(ref owner)|};
            }
            return SecurityInterop.SEC_E_OK;
        }
    }
}
