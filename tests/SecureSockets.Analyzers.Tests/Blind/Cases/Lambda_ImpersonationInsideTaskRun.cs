// Expect: SSX016
// Why: Precision 13 ("a lambda ... body is its own flow"): the lambda checks and reverts its own impersonation in a finally, and the enclosing async method's `await` is not inside any impersonation. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Contoso.Thumbnails.Worker
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

    public sealed class ThumbnailService
    {
        public async Task<int> CountImagesAsync(SecHandle client, string folder)
        {
            SecHandle context = client;
            int count = await Task.Run(() =>
            {
                int status = Sspi.ImpersonateSecurityContext(ref context);
                if (status != 0)
                    throw new Win32Exception(status);
                try
                {
                    return Directory.GetFiles(folder, "*.jpg").Length + Directory.GetFiles(folder, "*.png").Length;
                }
                finally
                {
                    {|SSX016:Sspi.RevertSecurityContext(ref context)|};
                }
            }).ConfigureAwait(false);

            await Task.Delay(10).ConfigureAwait(false);
            return count;
        }
    }
}
