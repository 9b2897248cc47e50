// Expect: clean
// Why: reading 24 "SSX016" (only "a local that is never read is discarded"): `reverted` is read by the test right after RevertSecurityContext, and a failed revert fails fast the way WindowsIdentity.RunImpersonated does (SSX016's rationale); impersonation tested and reverted in the finally of each loop turn (SSX004/SSX005 silent).
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace Fineartschool.Archive.Indexer
{
    public enum SecStatusCode : uint
    {
        SEC_E_OK = 0,
        SEC_E_INVALID_HANDLE = 0x80090301,
        SEC_E_NO_IMPERSONATION = 0x8009030B,
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CtxtHandle { public IntPtr dwLower; public IntPtr dwUpper; }

    internal static class Secur32Interop
    {
        [DllImport("secur32.dll")] internal static extern SecStatusCode ImpersonateSecurityContext(ref CtxtHandle phContext);
        [DllImport("secur32.dll")] internal static extern SecStatusCode RevertSecurityContext(ref CtxtHandle phContext);
    }

    public sealed class PortfolioIndexer
    {
        private static readonly TraceSource Log = new TraceSource("Fineartschool.Archive.Indexer");

        public List<string> IndexAsStudent(CtxtHandle negotiateContext, IEnumerable<string> portfolioFolders)
        {
            var visible = new List<string>();
            foreach (string folder in portfolioFolders)
            {
                SecStatusCode status = Secur32Interop.ImpersonateSecurityContext(ref negotiateContext);
                if (status != SecStatusCode.SEC_E_OK)
                    throw new Win32Exception((int)status, "ImpersonateSecurityContext");

                try
                {
                    if (Directory.Exists(folder))
                        visible.AddRange(Directory.EnumerateFiles(folder, "*.jpg"));
                }
                catch (UnauthorizedAccessException)
                {
                    Log.TraceEvent(TraceEventType.Information, 3, "Student may not see {0}", folder);
                }
                finally
                {
                    SecStatusCode reverted = Secur32Interop.RevertSecurityContext(ref negotiateContext);
                    if (reverted != SecStatusCode.SEC_E_OK)
                    {
                        Log.TraceEvent(TraceEventType.Critical, 9, "RevertSecurityContext failed: {0}", reverted);
                        Environment.FailFast("Indexer thread left impersonating a student: " + reverted);
                    }
                }
            }
            return visible;
        }
    }
}
