// Expect: SSX008, SSX016
// Why: SSX008 with Precision 13 (the async lambda is its own flow): inside the lambda the `await` runs between a successful ImpersonateSecurityContext and its revert in the finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
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

    public sealed class ThumbnailUploader
    {
        public Task UploadAsync(SecHandle client, string targetFolder, string name, byte[] thumbnail)
        {
            SecHandle context = client;
            Func<Task> upload = async () =>
            {
                int status = Sspi.ImpersonateSecurityContext(ref context);
                if (status != 0)
                    throw new Win32Exception(status);
                try
                {
                    {|SSX008:await|} File.WriteAllBytesAsync(Path.Combine(targetFolder, name), thumbnail);
                }
                finally
                {
                    {|SSX016:Sspi.RevertSecurityContext(ref context)|};
                }
            };
            return upload();
        }
    }
}
