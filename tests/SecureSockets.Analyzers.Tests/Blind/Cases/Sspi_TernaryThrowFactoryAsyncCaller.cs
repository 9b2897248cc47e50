// Expect: SSX016
// Why: the ternary `status == SEC_E_OK ? new Owner(…) : throw …` tests the result and creates the owner right after success (Precision 3/6); the async caller's owner is disposed before the first await (SSX008 silent). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Principal;
using System.Threading.Tasks;

namespace Contoso.Negotiate
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class SspiNative
    {
        public const int SEC_E_OK = 0;

        [DllImport("secur32.dll", EntryPoint = "ImpersonateSecurityContext")]
        public static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll", EntryPoint = "RevertSecurityContext")]
        public static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    public readonly struct ImpersonationScope : IDisposable
    {
        private readonly NegotiateServerSession _session;

        internal ImpersonationScope(NegotiateServerSession session) => _session = session;

        public void Dispose() => _session?.Revert();
    }

    public sealed class NegotiateServerSession
    {
        private SecHandle _context;

        public NegotiateServerSession(SecHandle acceptedContext) => _context = acceptedContext;

        public ImpersonationScope Impersonate()
        {
            int status = SspiNative.ImpersonateSecurityContext(ref _context);
            return status == SspiNative.SEC_E_OK
                ? new ImpersonationScope(this)
                : throw new Win32Exception(status, "ImpersonateSecurityContext failed");
        }

        internal void Revert()
        {
            {|SSX016:SspiNative.RevertSecurityContext(ref _context)|};
        }
    }

    public sealed class WhoAmIHandler
    {
        public async Task HandleAsync(NegotiateServerSession session, TextWriter response)
        {
            string name;
            TokenImpersonationLevel level;

            using (session.Impersonate())
            {
                using (WindowsIdentity identity = WindowsIdentity.GetCurrent())
                {
                    name = identity.Name;
                    level = identity.ImpersonationLevel;
                }
            }

            await response.WriteLineAsync($"{name} ({level})").ConfigureAwait(false);
            await response.FlushAsync().ConfigureAwait(false);
        }
    }
}
