// Expect: SSX016
// Why: Precision 6 ("a result passed to any method we cannot see into (an assertion helper ...) leaves our sight ... stay silent"): the status goes to `IAssert.Equal` through an interface, and the revert is in a finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace Fabrikam.Sspi.IntegrationTests
{
    public interface IAssert
    {
        void Equal(int expected, int actual);
        void True(bool condition, string message);
    }

    internal sealed class ThrowingAssert : IAssert
    {
        public void Equal(int expected, int actual)
        {
            if (expected != actual)
                throw new InvalidOperationException($"Expected {expected}, got 0x{actual:X8}.");
        }

        public void True(bool condition, string message)
        {
            if (!condition)
                throw new InvalidOperationException(message);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class NativeMethods
    {
        [DllImport("secur32.dll")]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        internal static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    public sealed class ServerImpersonationScenario
    {
        private readonly IAssert _assert;

        public ServerImpersonationScenario(IAssert assert) => _assert = assert ?? new ThrowingAssert();

        public void ServerRunsAsClientAfterHandshake(SecHandle serverContext, string expectedUser)
        {
            int status = NativeMethods.ImpersonateSecurityContext(ref serverContext);
            _assert.Equal(0, status);
            try
            {
                using WindowsIdentity current = WindowsIdentity.GetCurrent(TokenAccessLevels.Query);
                _assert.True(string.Equals(current.Name, expectedUser, StringComparison.OrdinalIgnoreCase), "Thread is not running as the client.");
                _assert.True(current.ImpersonationLevel >= TokenImpersonationLevel.Impersonation, "Impersonation level too low.");
            }
            finally
            {
                {|SSX016:NativeMethods.RevertSecurityContext(ref serverContext)|};
            }
        }
    }
}
