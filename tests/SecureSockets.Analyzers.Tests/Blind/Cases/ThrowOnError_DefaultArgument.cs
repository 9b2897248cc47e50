// Expect: SSX016
// Why: Precision 6 ("a summarized helper that throws on failure (possibly only when a constant argument such as throwOnError: true says so) handles the failure"): the check helper is called without the optional argument, whose default is true. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Proseware.Timesheets.Server
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class Sspi
    {
        [DllImport("secur32.dll")]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        internal static extern int RevertSecurityContext(ref SecHandle phContext);

        internal static int CheckStatus(int status, string function, bool throwOnError = true)
        {
            if (status != 0 && throwOnError)
                throw new Win32Exception(status, function + " failed");
            return status;
        }
    }

    internal sealed class TimesheetArchive
    {
        private readonly string _archiveRoot;

        public TimesheetArchive(string archiveRoot) => _archiveRoot = archiveRoot;

        public string[] ListWeeks(SecHandle employee, string employeeId)
        {
            Sspi.CheckStatus(Sspi.ImpersonateSecurityContext(ref employee), nameof(Sspi.ImpersonateSecurityContext));
            try
            {
                string folder = Path.Combine(_archiveRoot, employeeId);
                return Directory.Exists(folder) ? Directory.GetFiles(folder, "week-*.json") : Array.Empty<string>();
            }
            finally
            {
                {|SSX016:Sspi.RevertSecurityContext(ref employee)|};
            }
        }
    }
}
