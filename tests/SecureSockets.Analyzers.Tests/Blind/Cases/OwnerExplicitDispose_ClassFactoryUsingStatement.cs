// Expect: SSX016
// Why: Precision 3 and 19: the same-compilation factory throws on failure and returns a class owner right after success whose explicit `void IDisposable.Dispose()` reverts; the caller takes it with a `using` statement covering the work. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Contoso.Audit.Collector
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class NativeMethods
    {
        [DllImport("secur32.dll", EntryPoint = "ImpersonateSecurityContext")]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll", EntryPoint = "RevertSecurityContext")]
        internal static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    internal sealed class ClientImpersonation : IDisposable
    {
        private SecHandle _context;

        private ClientImpersonation(SecHandle context) => _context = context;

        public static ClientImpersonation Begin(SecHandle context)
        {
            int status = NativeMethods.ImpersonateSecurityContext(ref context);
            if (status != 0)
                throw new Win32Exception(status, "Could not impersonate the audit client.");
            return new ClientImpersonation(context);
        }

        void IDisposable.Dispose()
        {
            {|SSX016:NativeMethods.RevertSecurityContext(ref _context)|};
        }
    }

    public sealed class AuditDropbox
    {
        private readonly string _dropFolder;

        public AuditDropbox(string dropFolder) => _dropFolder = dropFolder;

        public void Append(SecHandle clientContext, string machine, string entry)
        {
            if (string.IsNullOrEmpty(entry))
                return;

            string file = Path.Combine(_dropFolder, machine + ".log");
            using (ClientImpersonation.Begin(clientContext))
            {
                File.AppendAllText(file, DateTime.UtcNow.ToString("o") + " " + entry + Environment.NewLine);
            }
        }
    }
}
