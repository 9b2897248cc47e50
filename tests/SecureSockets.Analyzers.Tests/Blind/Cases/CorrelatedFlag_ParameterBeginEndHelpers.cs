// Expect: SSX016
// Why: Precision 4 ("if (ok) Impersonate(...); try { ... } finally { if (ok) Revert(...); } is correct code") with a bool parameter and summarized begin/end helpers (the begin throws on failure). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.IO;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Tailspin.Export.Service
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class Helpers
    {
        [DllImport("secur32.dll")]
        private static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        private static extern int RevertSecurityContext(ref SecHandle phContext);

        public static void Begin(ref SecHandle context)
        {
            int status = ImpersonateSecurityContext(ref context);
            if (status != 0)
                throw new Win32Exception(status, "ImpersonateSecurityContext failed");
        }

        public static void End(ref SecHandle context) => {|SSX016:RevertSecurityContext(ref context)|};
    }

    public sealed class ExportService
    {
        public string ExportFolder(SecHandle client, string folder, string zipDirectory, bool impersonate)
        {
            string zipPath = Path.Combine(zipDirectory, Path.GetFileName(folder) + ".zip");

            if (impersonate)
                Helpers.Begin(ref client);
            try
            {
                if (File.Exists(zipPath))
                    File.Delete(zipPath);
                ZipFile.CreateFromDirectory(folder, zipPath);
            }
            finally
            {
                if (impersonate)
                    Helpers.End(ref client);
            }
            return zipPath;
        }
    }
}
