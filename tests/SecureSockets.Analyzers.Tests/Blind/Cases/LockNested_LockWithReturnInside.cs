// Expect: SSX016
// Why: SSX004 with Precision 12: the `lock` and both `return`s inside it are covered by the finally that reverts; the impersonation result is tested first. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Proseware.Docs.Preview
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

    internal sealed class PreviewCache
    {
        private readonly object _cacheLock = new object();
        private readonly Dictionary<string, string> _previews = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public string GetPreview(SecHandle client, string documentPath)
        {
            int status = Sspi.ImpersonateSecurityContext(ref client);
            if (status != Sspi.SEC_E_OK)
                throw new Win32Exception(status, "Cannot impersonate the previewing user.");

            try
            {
                lock (_cacheLock)
                {
                    if (_previews.TryGetValue(documentPath, out string cached) && File.Exists(documentPath))
                        return cached;

                    using var reader = new StreamReader(documentPath);
                    char[] head = new char[512];
                    int read = reader.Read(head, 0, head.Length);
                    string preview = new string(head, 0, read);
                    _previews[documentPath] = preview;
                    return preview;
                }
            }
            finally
            {
                {|SSX016:Sspi.RevertSecurityContext(ref client)|};
            }
        }
    }
}
