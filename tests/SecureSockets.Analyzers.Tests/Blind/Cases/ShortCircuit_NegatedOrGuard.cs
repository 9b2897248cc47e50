// Expect: SSX016
// Why: Precision 6 and 25: in `!allowed || ImpersonateSecurityContext(...) != SEC_E_OK` the impersonation runs only when allowed and its failure returns; the success path reverts in a finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace Adatum.Hr.Payroll
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal enum PayslipResult { Ok, Denied, Missing }

    internal static class Native
    {
        public const int SEC_E_OK = 0;

        [DllImport("secur32.dll")]
        public static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        public static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    internal sealed class PayslipService
    {
        private readonly HashSet<string> _enrolled;
        private readonly string _payslipRoot;

        public PayslipService(HashSet<string> enrolled, string payslipRoot)
        {
            _enrolled = enrolled;
            _payslipRoot = payslipRoot;
        }

        public PayslipResult Fetch(SecHandle employee, string employeeId, string month, out byte[] pdf)
        {
            pdf = null;
            bool allowed = _enrolled.Contains(employeeId);
            if (!allowed || Native.ImpersonateSecurityContext(ref employee) != Native.SEC_E_OK)
                return PayslipResult.Denied;

            try
            {
                string path = Path.Combine(_payslipRoot, employeeId, month + ".pdf");
                if (!File.Exists(path))
                    return PayslipResult.Missing;
                pdf = File.ReadAllBytes(path);
                return PayslipResult.Ok;
            }
            finally
            {
                {|SSX016:Native.RevertSecurityContext(ref employee)|};
            }
        }
    }
}
