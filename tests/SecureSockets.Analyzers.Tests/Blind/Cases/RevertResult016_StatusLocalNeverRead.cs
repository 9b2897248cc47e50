// Expect: SSX016
// Why: reading 24 "SSX016" ("A result stored in a local that is never read is discarded"): `revertStatus` receives RevertSecurityContext's status in the finally and nothing reads it; reported at the invocation. The impersonation itself is tested and reverted on every path (SSX004/SSX005 silent).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Consolidated.Messenger.Depot
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class NativeMethods
    {
        internal const int SEC_E_OK = 0;

        [DllImport("secur32.dll", EntryPoint = "ImpersonateSecurityContext", SetLastError = false)]
        internal static extern int ImpersonateClient(ref SecHandle phContext);

        [DllImport("secur32.dll", EntryPoint = "RevertSecurityContext", SetLastError = false)]
        internal static extern int RevertToServer(ref SecHandle phContext);
    }

    public sealed class ParcelManifestStore
    {
        private readonly string _root;

        public ParcelManifestStore(string root) => _root = root;

        /// <param name="kerberosContext">The context AcceptSecurityContext produced for the courier's connection.</param>
        public void SaveManifest(ref SecHandle kerberosContext, string depot, string manifestXml)
        {
            int status = NativeMethods.ImpersonateClient(ref kerberosContext);
            if (status != NativeMethods.SEC_E_OK)
                throw new Win32Exception(status, "ImpersonateSecurityContext");

            try
            {
                string directory = Path.Combine(_root, depot);
                Directory.CreateDirectory(directory);
                File.WriteAllText(Path.Combine(directory, DateTime.UtcNow.ToString("yyyyMMddHHmmssfff") + ".xml"), manifestXml);
            }
            finally
            {
                // Kept for the debugger.
                int revertStatus = {|SSX016:NativeMethods.RevertToServer(ref kerberosContext)|};
            }
        }
    }
}
