// Expect: SSX016
// Why: Precision 19 (owner is a struct whose only Dispose is an explicit `void IDisposable.Dispose()`) and Precision 6 (CheckResult with its default throw_on_error = true is a summarized helper that throws on failure) make Impersonate() a factory (Precision 3). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace NtApiDotNet.Win32.Security.Authentication
{
    public enum SecStatusCode : uint
    {
        SUCCESS = 0,
        SEC_I_CONTINUE_NEEDED = 0x00090312,
        SEC_E_INVALID_HANDLE = 0x80090301,
        SEC_E_UNSUPPORTED_FUNCTION = 0x80090302,
        SEC_E_NO_IMPERSONATION = 0x8009030B,
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    public sealed class SspiException : ApplicationException
    {
        public SspiException(SecStatusCode status) : base($"SSPI call failed: {status}") { Status = status; }
        public SecStatusCode Status { get; }
    }

    internal static class SecurityNativeMethods
    {
        [DllImport("Secur32.dll", CharSet = CharSet.Unicode)]
        internal static extern SecStatusCode ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("Secur32.dll", CharSet = CharSet.Unicode)]
        internal static extern SecStatusCode RevertSecurityContext(ref SecHandle phContext);

        [DllImport("Secur32.dll", CharSet = CharSet.Unicode)]
        internal static extern SecStatusCode DeleteSecurityContext(ref SecHandle phContext);
    }

    internal static class SecStatusCodeExtensions
    {
        internal static SecStatusCode CheckResult(this SecStatusCode result, bool throw_on_error = true)
        {
            if (throw_on_error && result != SecStatusCode.SUCCESS)
                throw new SspiException(result);
            return result;
        }
    }

    /// <summary>Impersonation context for a server authentication. Dispose reverts.</summary>
    public struct AuthenticationImpersonationContext : IDisposable
    {
        private SecHandle _context;

        internal AuthenticationImpersonationContext(SecHandle context)
        {
            _context = context;
        }

        void IDisposable.Dispose()
        {
            {|SSX016:SecurityNativeMethods.RevertSecurityContext(ref _context)|};
        }
    }

    public sealed class ServerAuthenticationContext : IDisposable
    {
        private SecHandle _context;

        public bool Done { get; private set; }

        public AuthenticationImpersonationContext Impersonate()
        {
            SecurityNativeMethods.ImpersonateSecurityContext(ref _context).CheckResult();
            return new AuthenticationImpersonationContext(_context);
        }

        public void Dispose()
        {
            SecurityNativeMethods.DeleteSecurityContext(ref _context);
        }
    }
}

namespace TestServer
{
    using NtApiDotNet.Win32.Security.Authentication;

    internal static class AuthReport
    {
        internal static string DescribeClient(ServerAuthenticationContext server)
        {
            if (!server.Done)
                return "<authentication incomplete>";

            using (server.Impersonate())
            {
                using (WindowsIdentity identity = WindowsIdentity.GetCurrent(TokenAccessLevels.Query))
                {
                    return $"{identity.Name} (level {identity.ImpersonationLevel}, groups {identity.Groups?.Count ?? 0})";
                }
            }
        }
    }
}
