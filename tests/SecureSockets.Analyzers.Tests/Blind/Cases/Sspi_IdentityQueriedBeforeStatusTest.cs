// Expect: SSX005, SSX016
// Why: Precision 10 ("before the first test, only bookkeeping is excused … the impersonated work already ran unchecked"): WindowsIdentity.GetCurrent runs between ImpersonateSecurityContext and the test of its result. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace Contoso.Audit.Collector
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
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

    public sealed class AuditSubmission
    {
        public string SubmittedBy { get; set; }
        public string Payload { get; set; }
    }

    public sealed class AuditIngestHandler
    {
        private SecHandle _context;

        public AuditIngestHandler(SecHandle context)
        {
            _context = context;
        }

        public AuditSubmission Stamp(string payload)
        {
            int status = {|SSX005:SspiNative.ImpersonateSecurityContext(ref _context)|};
            string submitter;
            try
            {
                // Who is sending this? (captured while impersonating)
                submitter = WindowsIdentity.GetCurrent().Name;
                if (status != SspiNative.SEC_E_OK)
                    throw new Win32Exception(status);
            }
            finally
            {
                {|SSX016:SspiNative.RevertSecurityContext(ref _context)|};
            }

            return new AuditSubmission { SubmittedBy = submitter, Payload = payload };
        }
    }
}
