// Expect: SSX008, SSX016
// Why: SSX008 / C-ALL-1: the await inside the try whose finally reverts is reached while the SSPI impersonation is active; the continuation may run on another thread and the revert on the wrong one. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Contoso.WebDav.Server
{
    [StructLayout(LayoutKind.Sequential)]
    public struct CtxtHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class SspiNative
    {
        [DllImport("secur32.dll")]
        internal static extern int ImpersonateSecurityContext(ref CtxtHandle phContext);

        [DllImport("secur32.dll")]
        internal static extern int RevertSecurityContext(ref CtxtHandle phContext);
    }

    public sealed class DavPutHandler
    {
        private CtxtHandle _clientContext;
        private readonly string _root;

        public DavPutHandler(CtxtHandle clientContext, string root)
        {
            _clientContext = clientContext;
            _root = root;
        }

        public async Task<int> PutAsync(string relativePath, Stream body)
        {
            string path = Path.Combine(_root, relativePath.TrimStart('/'));

            int status = SspiNative.ImpersonateSecurityContext(ref _clientContext);
            if (status != 0)
                throw new Win32Exception(status);

            try
            {
                bool existed = File.Exists(path);
                using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                {
                    {|SSX008:await|} body.CopyToAsync(file).ConfigureAwait(false);
                }
                return existed ? 204 : 201;
            }
            finally
            {
                {|SSX016:SspiNative.RevertSecurityContext(ref _clientContext)|};
            }
        }
    }
}
