// Expect: SSX004
// Why: SSX004 ("a revert only in the straight-line code after the work is not enough"): the throwing revert helper runs only after File.ReadAllText, which can throw while impersonating; no finally covers it.
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Contoso.HR.Documents
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class NativeMethods
    {
        public const int SEC_E_OK = 0;

        [DllImport("secur32.dll")]
        public static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        public static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    internal sealed class ContractReader
    {
        private readonly string _contractsRoot;

        public ContractReader(string contractsRoot) => _contractsRoot = contractsRoot;

        public string ReadContract(SecHandle employeeContext, string employeeId)
        {
            int status = {|SSX004:NativeMethods.ImpersonateSecurityContext(ref employeeContext)|};
            if (status != NativeMethods.SEC_E_OK)
                throw new Win32Exception(status, "ImpersonateSecurityContext");

            string path = Path.Combine(_contractsRoot, employeeId, "contract.txt");
            string text = File.ReadAllText(path);

            RevertOrThrow(ref employeeContext);
            return text;
        }

        private static void RevertOrThrow(ref SecHandle context)
        {
            int status = NativeMethods.RevertSecurityContext(ref context);
            if (status != NativeMethods.SEC_E_OK)
                throw new Win32Exception(status, "RevertSecurityContext");
        }
    }
}
