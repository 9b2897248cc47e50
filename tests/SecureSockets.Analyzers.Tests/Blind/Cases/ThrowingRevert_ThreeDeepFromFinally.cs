// Expect: clean
// Why: Precision 20 with a three-deep summary: finally -> Session.Close -> RevertCore -> CheckedRevert, which calls RevertSecurityContext and throws when it fails; both of its paths end the impersonation.
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Fabrikam.Spooler.Remote
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class Secur32Interop
    {
        [DllImport("secur32.dll")]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        internal static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    internal sealed class ClientSession
    {
        private SecHandle _context;
        private bool _impersonating;

        public ClientSession(SecHandle context) => _context = context;

        public void Open()
        {
            int status = Secur32Interop.ImpersonateSecurityContext(ref _context);
            if (status != 0)
                throw new Win32Exception(status);
            _impersonating = true;
        }

        public void Close()
        {
            RevertCore();
            _impersonating = false;
        }

        public bool IsImpersonating => _impersonating;

        private void RevertCore() => CheckedRevert(ref _context);

        private static void CheckedRevert(ref SecHandle context)
        {
            int status = Secur32Interop.RevertSecurityContext(ref context);
            if (status != 0)
                throw new InvalidOperationException($"RevertSecurityContext failed with 0x{status:X8}.");
        }
    }

    public sealed class RemoteSpooler
    {
        internal long Submit(ClientSession session, string documentPath)
        {
            session.Open();
            try
            {
                using FileStream document = File.OpenRead(documentPath);
                return document.Length;
            }
            finally
            {
                session.Close();
            }
        }
    }
}
