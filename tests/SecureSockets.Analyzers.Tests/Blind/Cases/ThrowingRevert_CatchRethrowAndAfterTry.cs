// Expect: clean
// Why: Precision 12 ("catch { Revert(); throw; } plus a revert after the try reverts on every path too") with Precision 20: both reverts go through a helper that throws when RevertSecurityContext fails.
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Woodgrove.Vault.Service
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class Sspi
    {
        [DllImport("sspicli.dll")]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("sspicli.dll")]
        internal static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    internal sealed class SecretStore
    {
        private readonly string _vaultDirectory;

        public SecretStore(string vaultDirectory) => _vaultDirectory = vaultDirectory;

        public byte[] Unprotect(SecHandle caller, string secretName)
        {
            int status = Sspi.ImpersonateSecurityContext(ref caller);
            if (status < 0)
                throw new Win32Exception(status);

            byte[] clear;
            try
            {
                byte[] blob = File.ReadAllBytes(Path.Combine(_vaultDirectory, secretName + ".bin"));
                clear = SHA256.HashData(blob);
            }
            catch
            {
                RevertOrThrow(ref caller);
                throw;
            }
            RevertOrThrow(ref caller);
            return clear;
        }

        private static void RevertOrThrow(ref SecHandle context)
        {
            int status = Sspi.RevertSecurityContext(ref context);
            if (status < 0)
                throw new Win32Exception(status, "RevertSecurityContext failed");
        }
    }
}
