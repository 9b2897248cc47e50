// Expect: SSX008, SSX016
// Why: SSX008 ("reported at ... `yield return` reached while a thread impersonation is active"; Precision 17): the iterator yields inside the try whose finally reverts, so the caller's code runs on the impersonated thread between MoveNext calls. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Northwind.Dms.Search
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
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
    }

    public sealed class DocumentSearch
    {
        private readonly string _root;

        public DocumentSearch(string root) => _root = root;

        public IEnumerable<string> FindVisible(SecHandle client, string pattern)
        {
            int status = Sspi.ImpersonateSecurityContext(ref client);
            if (status != 0)
                throw new Win32Exception(status, "ImpersonateSecurityContext failed");

            try
            {
                foreach (string file in Directory.EnumerateFiles(_root, pattern, SearchOption.AllDirectories))
                {
                    if (new FileInfo(file).Length == 0)
                        continue;
                    {|SSX008:yield return|} file;
                }
            }
            finally
            {
                {|SSX016:Sspi.RevertSecurityContext(ref client)|};
            }
        }
    }
}
