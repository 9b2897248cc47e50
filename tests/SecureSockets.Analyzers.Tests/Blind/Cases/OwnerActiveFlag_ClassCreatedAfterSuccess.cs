// Expect: SSX016
// Why: Precision 3 ("an owner whose Dispose reverts only while its own active flag is set still counts as reverting"): the guard is created right after the successful check and disposed by the using; the early Dispose inside the block is an ordinary revert. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Litware.Reports.Renderer
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

    internal sealed class ImpersonationGuard : IDisposable
    {
        private SecHandle _context;
        private bool _active;

        public ImpersonationGuard(SecHandle context)
        {
            _context = context;
            _active = true;
        }

        public void Dispose()
        {
            if (_active)
            {
                _active = false;
                {|SSX016:Sspi.RevertSecurityContext(ref _context)|};
            }
        }
    }

    public sealed class ReportRenderer
    {
        private readonly string _templateRoot;

        public ReportRenderer(string templateRoot) => _templateRoot = templateRoot;

        internal bool TryRender(SecHandle client, string templateName, string outputPath)
        {
            int status = Sspi.ImpersonateSecurityContext(ref client);
            if (status != Sspi.SEC_E_OK)
                return false;

            using (var guard = new ImpersonationGuard(client))
            {
                string template = File.ReadAllText(Path.Combine(_templateRoot, templateName));
                guard.Dispose();

                // Rendering and writing run as the service, not as the client.
                string rendered = template.Replace("{{generated}}", DateTime.UtcNow.ToString("u"));
                File.WriteAllText(outputPath, rendered);
            }
            return true;
        }
    }
}
