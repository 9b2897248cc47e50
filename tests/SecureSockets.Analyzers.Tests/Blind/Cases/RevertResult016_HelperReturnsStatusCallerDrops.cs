// Expect: SSX016
// Why: reading 24 "SSX016" ("A same-compilation helper that reverts and returns the status passes the obligation to its caller: reported at the call where it is dropped"): RevertCore returns RevertSecurityContext's status, EndImpersonation returns RevertCore's (two deep, neither reported), and the request loop's finally drops EndImpersonation()'s result.
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Lamna.Healthcare.PacsGateway
{
    [StructLayout(LayoutKind.Sequential)]
    public struct CtxtHandle { public IntPtr dwLower; public IntPtr dwUpper; }

    internal static class Secur32
    {
        internal const int SEC_E_OK = 0;

        [DllImport("secur32.dll", ExactSpelling = true)] internal static extern int ImpersonateSecurityContext(ref CtxtHandle phContext);
        [DllImport("secur32.dll", ExactSpelling = true)] internal static extern int RevertSecurityContext(ref CtxtHandle phContext);
    }

    public interface IStudyArchive
    {
        byte[] Retrieve(string studyUid);
    }

    public sealed class KerberosStudySession
    {
        private readonly IStudyArchive _archive;
        private CtxtHandle _acceptedContext;

        public KerberosStudySession(IStudyArchive archive, CtxtHandle acceptedContext)
        {
            _archive = archive;
            _acceptedContext = acceptedContext;
        }

        private int RevertCore() => Secur32.RevertSecurityContext(ref _acceptedContext);

        public int EndImpersonation()
        {
            return RevertCore();
        }

        public Dictionary<string, byte[]> RetrieveStudies(IEnumerable<string> studyUids)
        {
            var results = new Dictionary<string, byte[]>();
            foreach (string uid in studyUids)
            {
                int status = Secur32.ImpersonateSecurityContext(ref _acceptedContext);
                if (status != Secur32.SEC_E_OK)
                    throw new Win32Exception(status, "ImpersonateSecurityContext");
                try
                {
                    results[uid] = _archive.Retrieve(uid);
                }
                finally
                {
                    {|SSX016:EndImpersonation()|};
                }
            }
            return results;
        }
    }
}
