// Expect: SSX016
// Why: Precision 4 and 6: a switch expression on the status maps OK to `true`, NoImpersonation to `false` (then `if (!proceed) return`), and throws for every other value, so the work runs only on success; the revert is in a finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Contoso.Backup.Agent
{
    public enum SecStatus : uint
    {
        Ok = 0,
        InvalidHandle = 0x80090301,
        NoImpersonation = 0x8009030B,
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct SspiHandle
    {
        public IntPtr Lower;
        public IntPtr Upper;
    }

    internal static class Interop
    {
        [DllImport("Secur32", EntryPoint = "ImpersonateSecurityContext")]
        internal static extern SecStatus Impersonate(ref SspiHandle context);

        [DllImport("Secur32", EntryPoint = "RevertSecurityContext")]
        internal static extern SecStatus Revert(ref SspiHandle context);
    }

    public sealed class RestoreJob
    {
        private SspiHandle _clientContext;

        internal RestoreJob(SspiHandle clientContext) => _clientContext = clientContext;

        public long RestoreFile(string archivePath, string destination)
        {
            SecStatus status = Interop.Impersonate(ref _clientContext);
            bool proceed = status switch
            {
                SecStatus.Ok => true,
                SecStatus.NoImpersonation => false,
                _ => throw new InvalidOperationException($"ImpersonateSecurityContext failed: 0x{(uint)status:X8}"),
            };
            if (!proceed)
                return -1;

            try
            {
                using FileStream source = File.OpenRead(archivePath);
                using FileStream target = File.Create(destination);
                source.CopyTo(target);
                return target.Length;
            }
            finally
            {
                {|SSX016:Interop.Revert(ref _clientContext)|};
            }
        }
    }
}
