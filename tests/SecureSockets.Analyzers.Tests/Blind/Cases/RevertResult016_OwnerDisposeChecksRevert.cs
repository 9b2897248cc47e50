// Expect: clean
// Why: Precision 3/19 (a struct owner created right after success, disposed by a `using` declaration through its explicit IDisposable.Dispose) + SSX016 (the owner reads RevertSecurityContext's status and fails fast on failure, so the result is not discarded): nothing to report.
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Proseware.Legal.DiscoveryVault
{
    [StructLayout(LayoutKind.Sequential)]
    public struct CtxtHandle { public IntPtr dwLower; public IntPtr dwUpper; }

    internal static class SspiMethods
    {
        private const string Sspicli = "sspicli";

        [DllImport(Sspicli, EntryPoint = "ImpersonateSecurityContext")] internal static extern int Impersonate(ref CtxtHandle phContext);
        [DllImport(Sspicli, EntryPoint = "RevertSecurityContext")] internal static extern int Revert(ref CtxtHandle phContext);
    }

    internal struct ClientImpersonationScope : IDisposable
    {
        private CtxtHandle _context;
        private bool _active;

        internal static ClientImpersonationScope Begin(CtxtHandle acceptedContext)
        {
            int status = SspiMethods.Impersonate(ref acceptedContext);
            if (status != 0)
                throw new Win32Exception(status, "ImpersonateSecurityContext");
            return new ClientImpersonationScope { _context = acceptedContext, _active = true };
        }

        void IDisposable.Dispose()
        {
            if (!_active)
                return;
            _active = false;

            int status = SspiMethods.Revert(ref _context);
            if (status != 0)
                Environment.FailFast("RevertSecurityContext failed (0x" + status.ToString("X8") + "); refusing to keep serving as the client.");
        }
    }

    public sealed class ExhibitReader
    {
        private readonly string _vaultRoot;

        public ExhibitReader(string vaultRoot) => _vaultRoot = vaultRoot;

        public string ReadExhibit(CtxtHandle attorneyContext, string caseNumber, string exhibitId)
        {
            using var scope = ClientImpersonationScope.Begin(attorneyContext);
            string path = Path.Combine(_vaultRoot, caseNumber, exhibitId + ".txt");
            return File.ReadAllText(path);
        }
    }
}
