// Expect: SSX016
// Why: Precision 19 ("an owner taken by a `using` declaration is disposed at the end of its scope"): a struct owner with an explicit IDisposable.Dispose, declared with `using var` inside a loop body that `continue`s and `break`s. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace NtApiDotNet.Win32.Security.Authentication
{
    public enum SecStatusCode : uint
    {
        SUCCESS = 0,
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
        public SspiException(SecStatusCode status) : base($"SSPI call failed: {status}") { }
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

    public sealed class BatchFileProbe
    {
        public Dictionary<string, bool> ProbeReadAccess(ServerAuthenticationContext server, IEnumerable<string> paths, int maxProbes)
        {
            var results = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
            foreach (string path in paths)
            {
                if (results.Count >= maxProbes)
                    break;
                if (string.IsNullOrEmpty(path) || results.ContainsKey(path))
                    continue;

                using var impersonation = server.Impersonate();
                try
                {
                    using (File.OpenRead(path)) { }
                    results[path] = true;
                }
                catch (UnauthorizedAccessException)
                {
                    results[path] = false;
                    continue;
                }
                catch (FileNotFoundException)
                {
                    break;
                }
            }
            return results;
        }
    }
}
