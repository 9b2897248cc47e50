// Expect: SSX016
// Why: Precision 18 and SSX005 ("leaving the region (break, continue) is handling it"): NoImpersonation records and `continue`s, InvalidHandle `break`s, any other non-OK throws; only SEC_E_OK reaches the try whose finally reverts. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Adatum.PrintSpooler
{
    internal enum SECURITY_STATUS : uint
    {
        SEC_E_OK = 0x00000000,
        SEC_E_INVALID_HANDLE = 0x80090301,
        SEC_E_NO_IMPERSONATION = 0x8009030B,
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SECURITY_HANDLE
    {
        public UIntPtr dwLower;
        public UIntPtr dwUpper;
    }

    internal sealed class PrintJob
    {
        public SECURITY_HANDLE Context;
        public readonly string Document;
        public readonly string Printer;

        public PrintJob(SECURITY_HANDLE context, string document, string printer)
        {
            Context = context;
            Document = document;
            Printer = printer;
        }
    }

    internal static class NativeMethods
    {
        [DllImport("SECUR32.dll", ExactSpelling = true)]
        internal static extern SECURITY_STATUS ImpersonateSecurityContext(ref SECURITY_HANDLE phContext);

        [DllImport("SECUR32.dll", ExactSpelling = true)]
        internal static extern SECURITY_STATUS RevertSecurityContext(ref SECURITY_HANDLE phContext);
    }

    internal sealed class SpoolDispatcher
    {
        private readonly string _spoolDirectory;
        private readonly List<string> _rejected = new List<string>();

        public SpoolDispatcher(string spoolDirectory) => _spoolDirectory = spoolDirectory;

        public IReadOnlyList<string> Rejected => _rejected;

        public int Dispatch(IEnumerable<PrintJob> jobs)
        {
            int printed = 0;
            foreach (PrintJob job in jobs)
            {
                SECURITY_STATUS status = NativeMethods.ImpersonateSecurityContext(ref job.Context);
                if (status == SECURITY_STATUS.SEC_E_NO_IMPERSONATION)
                {
                    _rejected.Add(job.Document);
                    continue;
                }
                if (status == SECURITY_STATUS.SEC_E_INVALID_HANDLE)
                    break;
                if (status != SECURITY_STATUS.SEC_E_OK)
                    throw new Win32Exception(unchecked((int)status));

                try
                {
                    string target = Path.Combine(_spoolDirectory, job.Printer, Path.GetFileName(job.Document));
                    File.Copy(job.Document, target, overwrite: true);
                    printed++;
                }
                finally
                {
                    {|SSX016:NativeMethods.RevertSecurityContext(ref job.Context)|};
                }
            }
            return printed;
        }
    }
}
