// Expect: clean
// Why: Contracts "Identity and opaque calls" ("a call that stays opaque but whose name says it reverts (contains `Revert`) may end an impersonation: SSX003/SSX004 stay silent on paths through it", Precision 9/23); the status is tested first.
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using Vendor.Interop.Sspi;

namespace Contoso.Archive.Service
{
    internal static class Native
    {
        [DllImport("secur32.dll")]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);
    }

    public sealed class ArchiveRestoreHandler
    {
        private readonly string _archiveRoot;

        public ArchiveRestoreHandler(string archiveRoot)
        {
            _archiveRoot = archiveRoot;
        }

        public void Restore(SspiServerSession session, string archiveName, string destination)
        {
            SecHandle context = session.ContextHandle;
            int status = Native.ImpersonateSecurityContext(ref context);
            if (status != 0)
                throw new Win32Exception(status, "ImpersonateSecurityContext");

            try
            {
                // The client must be able to write the destination itself.
                string source = Path.Combine(_archiveRoot, Path.GetFileName(archiveName));
                File.Copy(source, destination, overwrite: false);
            }
            finally
            {
                session.RevertClientContext();
            }
        }
    }
}
