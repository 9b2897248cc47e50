// Expect: SSX008, SSX016
// Why: SSX008 and Precision 19 ("an owner taken by a using declaration is disposed at the end of its scope"): the `using var` owner lives to the end of the method, so the `await` runs while the client is impersonated (the owner reverts, so no SSX004). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Contoso.Sharepoint.Migration
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    public sealed class ClientScope : IDisposable
    {
        [DllImport("secur32.dll")]
        private static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        private static extern int RevertSecurityContext(ref SecHandle phContext);

        private SecHandle _context;

        private ClientScope(SecHandle context) => _context = context;

        public static ClientScope Enter(SecHandle context)
        {
            int status = ImpersonateSecurityContext(ref context);
            if (status != 0)
                throw new Win32Exception(status);
            return new ClientScope(context);
        }

        public void Dispose() => {|SSX016:RevertSecurityContext(ref _context)|};
    }

    public sealed class DocumentCopier
    {
        public async Task<byte[]> ReadAsClientAsync(SecHandle client, string source)
        {
            if (!Path.IsPathRooted(source))
                throw new ArgumentException("Absolute path expected.", nameof(source));

            using var scope = ClientScope.Enter(client);
            byte[] content = {|SSX008:await|} File.ReadAllBytesAsync(source);
            return content;
        }
    }
}
