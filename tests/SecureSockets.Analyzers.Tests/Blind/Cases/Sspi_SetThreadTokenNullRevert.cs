// Expect: clean
// Why: Reverts section ("SetThreadToken(thread, IntPtr.Zero / null) … counts as a revert") in the finally, Precision 7 (the SSPI impersonation belongs to the thread).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Contoso.PrintSpoolerBridge
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class NativeMethods
    {
        [DllImport("secur32.dll", SetLastError = false)]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("advapi32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool SetThreadToken(IntPtr thread, IntPtr token);
    }

    public sealed class SpoolFileWriter
    {
        private readonly string _spoolDirectory;

        public SpoolFileWriter(string spoolDirectory)
        {
            _spoolDirectory = spoolDirectory;
        }

        public string WriteJob(ref SecHandle clientContext, string jobName, byte[] data)
        {
            int status = NativeMethods.ImpersonateSecurityContext(ref clientContext);
            if (status != 0)
                throw new Win32Exception(status);

            try
            {
                string path = Path.Combine(_spoolDirectory, Path.GetFileName(jobName) + ".spl");
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(data, 0, data.Length);
                }
                return path;
            }
            finally
            {
                // NULL thread handle = current thread, NULL token = stop impersonating.
                if (!NativeMethods.SetThreadToken(IntPtr.Zero, IntPtr.Zero))
                    Environment.FailFast("SetThreadToken(NULL) failed: " + Marshal.GetLastWin32Error());
            }
        }
    }
}
