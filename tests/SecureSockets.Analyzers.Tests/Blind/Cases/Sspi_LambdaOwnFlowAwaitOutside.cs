// Expect: SSX016
// Why: Precision 13 (a lambda or anonymous method body is its own flow): impersonation begins and is reverted inside the Task.Run lambda, so the enclosing method's `await` is not reached while impersonating (SSX008 silent) and each lambda reverts in finally (SSX004 silent). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Contoso.FileGateway
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
    }

    public sealed class ClientFileGateway
    {
        private SecHandle _clientContext;
        private readonly string _root;

        internal ClientFileGateway(SecHandle acceptedContext, string root)
        {
            _clientContext = acceptedContext;
            _root = root;
        }

        public async Task<string> ReadTextAsync(string relativePath, CancellationToken cancellationToken)
        {
            string fullPath = Path.Combine(_root, relativePath);

            // Impersonation belongs to one thread: do the whole impersonated part synchronously on the worker.
            string text = await Task.Run(() =>
            {
                int status = Sspi.ImpersonateSecurityContext(ref _clientContext);
                if (status != 0)
                    throw new Win32Exception(status);
                try
                {
                    return File.ReadAllText(fullPath);
                }
                finally
                {
                    {|SSX016:Sspi.RevertSecurityContext(ref _clientContext)|};
                }
            }, cancellationToken).ConfigureAwait(false);

            await Task.Yield();
            return text.Trim();
        }

        public Task DeleteAsync(string relativePath)
        {
            string fullPath = Path.Combine(_root, relativePath);
            return Task.Factory.StartNew(delegate
            {
                if (Sspi.ImpersonateSecurityContext(ref _clientContext) != 0)
                    throw new UnauthorizedAccessException("Cannot impersonate client");
                try
                {
                    File.Delete(fullPath);
                }
                finally
                {
                    {|SSX016:Sspi.RevertSecurityContext(ref _clientContext)|};
                }
            });
        }
    }
}
