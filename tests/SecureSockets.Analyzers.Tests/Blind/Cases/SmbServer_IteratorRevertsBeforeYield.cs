// Expect: SSX016
// Why: SSX008 wants a `yield return` reached while impersonating: the listing is materialized inside try/finally (RevertSecurityContext) and only yielded after the revert. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace SmbLite.Server
{
    [StructLayout(LayoutKind.Sequential)]
    public struct CtxtHandle
    {
        public UIntPtr dwLower;
        public UIntPtr dwUpper;
    }

    internal static class Secur32
    {
        [DllImport("secur32.dll", ExactSpelling = true)]
        internal static extern int ImpersonateSecurityContext(ref CtxtHandle phContext);

        [DllImport("secur32.dll", ExactSpelling = true)]
        internal static extern int RevertSecurityContext(ref CtxtHandle phContext);
    }

    public sealed class SmbSessionState
    {
        public CtxtHandle SecurityContext;
        public ulong SessionId;
    }

    public sealed class QueryDirectoryHandler
    {
        public IEnumerable<string> EnumerateNames(SmbSessionState session, string directory, string pattern)
        {
            string[] names;

            if (Secur32.ImpersonateSecurityContext(ref session.SecurityContext) != 0)
                throw new UnauthorizedAccessException("STATUS_ACCESS_DENIED");

            try
            {
                names = new DirectoryInfo(directory)
                    .EnumerateFileSystemInfos(pattern)
                    .Select(e => e.Name)
                    .ToArray();
            }
            finally
            {
                {|SSX016:Secur32.RevertSecurityContext(ref session.SecurityContext)|};
            }

            foreach (string name in names)
            {
                yield return name;
            }
        }
    }
}
