// Expect: clean
// Why: Precision 6 ("a result passed to any method we cannot see into (an assertion helper …) cannot be decided: stay silent") and Precision 9 (the helper is in another assembly); the revert is in finally.
using System;
using System.Runtime.InteropServices;
using System.Security.Principal;
using Contoso.Testing;

namespace Contoso.Negotiate.IntegrationTests
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

    public sealed class LoopbackNegotiateTests
    {
        private SecHandle _serverContext;   // produced by the loopback handshake in the fixture

        public void ServerSeesClientIdentity(string expectedUser)
        {
            int status = Sspi.ImpersonateSecurityContext(ref _serverContext);
            Assert.Equal(0, status, "ImpersonateSecurityContext should succeed for a completed handshake");

            try
            {
                using (WindowsIdentity current = WindowsIdentity.GetCurrent())
                {
                    Assert.Equal(expectedUser, current.Name);
                    Assert.True(current.ImpersonationLevel >= TokenImpersonationLevel.Impersonation, "expected an impersonation-level token");
                }
            }
            finally
            {
                int revert = Sspi.RevertSecurityContext(ref _serverContext);
                Assert.Equal(0, revert);
            }
        }
    }
}
