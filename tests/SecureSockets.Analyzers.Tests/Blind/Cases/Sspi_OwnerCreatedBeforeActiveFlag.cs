// Expect: SSX016
// Why: Precision 3 ("when it was created before and is disposed by a using/finally that covers the work"; "an owner whose Dispose reverts only while its own 'active' flag is set still counts as reverting"). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace Contoso.Ldap.Proxy
{
    [StructLayout(LayoutKind.Sequential)]
    public struct CtxtHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class SspiApi
    {
        [DllImport("secur32.dll")]
        internal static extern int ImpersonateSecurityContext(ref CtxtHandle phContext);

        [DllImport("secur32.dll")]
        internal static extern int RevertSecurityContext(ref CtxtHandle phContext);
    }

    /// <summary>Reverts the thread on Dispose if (and only if) impersonation was started.</summary>
    internal sealed class RevertGuard : IDisposable
    {
        private CtxtHandle _context;
        internal bool Active;

        internal RevertGuard(CtxtHandle context)
        {
            _context = context;
        }

        public void Dispose()
        {
            if (!Active)
                return;
            Active = false;
            {|SSX016:SspiApi.RevertSecurityContext(ref _context)|};
        }
    }

    public sealed class BindForwarder
    {
        public string ResolveCallerSid(CtxtHandle clientContext)
        {
            using (var guard = new RevertGuard(clientContext))
            {
                int status = SspiApi.ImpersonateSecurityContext(ref clientContext);
                if (status != 0)
                    throw new Win32Exception(status, "ImpersonateSecurityContext");
                guard.Active = true;

                using (WindowsIdentity caller = WindowsIdentity.GetCurrent(TokenAccessLevels.Query))
                {
                    return caller.User?.Value ?? throw new InvalidOperationException("Anonymous caller");
                }
            }
        }
    }
}
