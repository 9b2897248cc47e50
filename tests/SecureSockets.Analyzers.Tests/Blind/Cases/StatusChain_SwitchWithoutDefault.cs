// Expect: SSX005, SSX016
// Why: Precision 18 ("a single partial test decides nothing for the branch that stays"): the switch leaves only for NO_IMPERSONATION and UNSUPPORTED_FUNCTION, so SEC_E_INVALID_HANDLE falls out of the switch into the mailbox work (the revert is in a finally, so no SSX004). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace Tailspin.Mail.Store
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    public enum MailboxAccess { Full, IdentifyOnly }

    internal static class SspiNative
    {
        public const int SEC_E_UNSUPPORTED_FUNCTION = unchecked((int)0x80090302);
        public const int SEC_E_NO_IMPERSONATION = unchecked((int)0x8009030B);

        [DllImport("secur32.dll")]
        public static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        public static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    public sealed class MailboxEnumerator
    {
        private readonly string _storeRoot;
        private SecHandle _context;

        public MailboxEnumerator(string storeRoot, SecHandle context)
        {
            _storeRoot = storeRoot;
            _context = context;
        }

        public MailboxAccess ListFolders(string mailbox, ICollection<string> folders)
        {
            int status = {|SSX005:SspiNative.ImpersonateSecurityContext(ref _context)|};
            switch (status)
            {
                case SspiNative.SEC_E_NO_IMPERSONATION:
                    return MailboxAccess.IdentifyOnly;
                case SspiNative.SEC_E_UNSUPPORTED_FUNCTION:
                    throw new NotSupportedException("The negotiated package cannot impersonate.");
            }

            try
            {
                foreach (string folder in Directory.EnumerateDirectories(Path.Combine(_storeRoot, mailbox)))
                    folders.Add(Path.GetFileName(folder));
                return MailboxAccess.Full;
            }
            finally
            {
                {|SSX016:SspiNative.RevertSecurityContext(ref _context)|};
            }
        }
    }
}
