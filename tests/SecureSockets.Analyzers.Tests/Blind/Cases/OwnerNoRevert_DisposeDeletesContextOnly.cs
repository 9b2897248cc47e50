// Expect: SSX004
// Why: Precision 3 read the other way: the lease created right after success is not an owner, because its Dispose only deletes the context (DeleteSecurityContext is no revert), so the method returns still impersonating.
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Northwind.Intranet.Auth
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class Sspi
    {
        [DllImport("secur32.dll")]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        internal static extern int DeleteSecurityContext(ref SecHandle phContext);
    }

    internal sealed class SecurityContextLease : IDisposable
    {
        private SecHandle _context;
        private bool _disposed;

        public SecurityContextLease(SecHandle context) => _context = context;

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            Sspi.DeleteSecurityContext(ref _context);
        }
    }

    public sealed class ProfileService
    {
        private readonly string _profileRoot;

        public ProfileService(string profileRoot) => _profileRoot = profileRoot;

        internal string LoadProfile(SecHandle negotiated, string userName)
        {
            int status = {|SSX004:Sspi.ImpersonateSecurityContext(ref negotiated)|};
            if (status != 0)
                throw new Win32Exception(status);

            using (new SecurityContextLease(negotiated))
            {
                string path = Path.Combine(_profileRoot, userName, "profile.json");
                return File.Exists(path) ? File.ReadAllText(path) : "{}";
            }
        }
    }
}
