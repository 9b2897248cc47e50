// Expect: SSX004, SSX016
// Why: Precision 2 ("a method that does anything after success is judged itself"): BeginClientAccess reads a policy file after a successful ImpersonateSecurityContext and returns still impersonating, with File.ReadAllText able to throw; its caller is correct. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Fabrikam.Wiki.Host
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class Sspi
    {
        public const int SEC_E_OK = 0;

        [DllImport("secur32.dll")]
        public static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        public static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    internal sealed class PageStore
    {
        private readonly string _policyPath;
        private readonly string _pagesRoot;
        private string _policy;

        public PageStore(string pagesRoot, string policyPath)
        {
            _pagesRoot = pagesRoot;
            _policyPath = policyPath;
        }

        public string ReadPage(SecHandle client, string page)
        {
            int status = BeginClientAccess(ref client);
            if (status != Sspi.SEC_E_OK)
                throw new Win32Exception(status);

            try
            {
                if (_policy != null && _policy.Contains("deny:" + page))
                    throw new UnauthorizedAccessException(page);
                return File.ReadAllText(Path.Combine(_pagesRoot, page + ".md"));
            }
            finally
            {
                {|SSX016:Sspi.RevertSecurityContext(ref client)|};
            }
        }

        private int BeginClientAccess(ref SecHandle client)
        {
            int status = {|SSX004:Sspi.ImpersonateSecurityContext(ref client)|};
            if (status != Sspi.SEC_E_OK)
                return status;

            _policy = File.ReadAllText(_policyPath);
            return status;
        }
    }
}
