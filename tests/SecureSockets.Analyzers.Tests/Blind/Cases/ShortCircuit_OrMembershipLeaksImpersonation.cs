// Expect: SSX004, SSX016
// Why: SSX004 ("on some path on which it succeeded, the method can end by return ... without the matching revert"): when ImpersonateSecurityContext succeeds but the membership check is false, the `||` returns Denied still impersonating. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace Northwind.Finance.Reports
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal enum ReportAccess { Granted, Denied }

    internal static class Native
    {
        public const int SEC_E_OK = 0;

        [DllImport("secur32.dll")]
        public static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        public static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    internal sealed class QuarterlyReports
    {
        private readonly SecurityIdentifier _financeGroup;
        private readonly string _reportRoot;

        public QuarterlyReports(SecurityIdentifier financeGroup, string reportRoot)
        {
            _financeGroup = financeGroup;
            _reportRoot = reportRoot;
        }

        public ReportAccess Open(SecHandle caller, string quarter, out string report)
        {
            report = null;
            if ({|SSX004:Native.ImpersonateSecurityContext(ref caller)|} != Native.SEC_E_OK || !CallerIsInFinance())
                return ReportAccess.Denied;

            try
            {
                report = File.ReadAllText(Path.Combine(_reportRoot, quarter + ".csv"));
                return ReportAccess.Granted;
            }
            finally
            {
                {|SSX016:Native.RevertSecurityContext(ref caller)|};
            }
        }

        private bool CallerIsInFinance()
        {
            using WindowsIdentity identity = WindowsIdentity.GetCurrent(TokenAccessLevels.Query);
            return new WindowsPrincipal(identity).IsInRole(_financeGroup);
        }
    }
}
