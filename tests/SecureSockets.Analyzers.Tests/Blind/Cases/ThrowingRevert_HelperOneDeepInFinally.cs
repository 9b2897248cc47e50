// Expect: SSX004
// Why: the revert helper throwing on failure still reverts (Precision 20), but `new List<decimal>()` runs between the successful impersonation and the try, and an object creation may throw (Precision 3): that path skips the revert. (Written as clean by the blind author; the expectation was corrected to RULES.md.)
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Proseware.Ledger.Import
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

        [DllImport("secur32.dll")]
        public static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        public static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    internal sealed class LedgerImporter
    {
        private SecHandle _client;

        public LedgerImporter(SecHandle client) => _client = client;

        public IList<decimal> ReadAmounts(string csvPath)
        {
            int status = {|SSX004:SspiNative.ImpersonateSecurityContext(ref _client)|};
            if (status != SspiNative.SEC_E_OK)
                throw new Win32Exception(status, "Cannot impersonate the ledger owner.");

            var amounts = new List<decimal>();
            try
            {
                using var reader = new StreamReader(csvPath);
                string line;
                while ((line = reader.ReadLine()) != null)
                {
                    if (line.Length == 0 || line[0] == '#')
                        continue;
                    string[] columns = line.Split(',');
                    amounts.Add(decimal.Parse(columns[2]));
                }
            }
            finally
            {
                RevertOrThrow(ref _client);
            }
            return amounts;
        }

        private static void RevertOrThrow(ref SecHandle context)
        {
            int status = SspiNative.RevertSecurityContext(ref context);
            if (status != SspiNative.SEC_E_OK)
                throw new Win32Exception(status, "RevertSecurityContext failed.");
        }
    }
}
