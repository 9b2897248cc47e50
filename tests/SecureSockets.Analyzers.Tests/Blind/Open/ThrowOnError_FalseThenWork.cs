// Expect: SSX005
// Why: Precision 6 read the other way (the helper throws only when throwOnError is true) and SSX005: with `throwOnError: false` the failure is returned, the caller drops it, and the failure path runs the work.
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

    internal sealed class TimesheetWriter
    {
        private readonly string _archiveRoot;

        public TimesheetWriter(string archiveRoot) => _archiveRoot = archiveRoot;

        public void Submit(SecHandle employee, string employeeId, string week, string json)
        {
            Sspi.CheckStatus({|SSX005:Sspi.ImpersonateSecurityContext(ref employee)|}, "ImpersonateSecurityContext", throwOnError: false);
            try
            {
                string folder = Path.Combine(_archiveRoot, employeeId);
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "week-" + week + ".json"), json);
            }
            finally
            {
                Sspi.RevertSecurityContext(ref employee);
            }
        }
    }
}
