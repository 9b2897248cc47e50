// Expect: SSX016
// Why: SSX004 with Precision 12 (the CFG decides): a `lock` (its own Monitor try/finally) and an early `return` inside the try whose finally calls RevertSecurityContext; the status is tested with `< 0` (Precision 6). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.IO;
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

    public enum NTStatus : uint
    {
        STATUS_SUCCESS = 0,
        STATUS_ACCESS_DENIED = 0xC0000022,
        STATUS_BAD_NETWORK_NAME = 0xC00000CC,
        STATUS_LOGON_FAILURE = 0xC000006D,
    }

    public sealed class SmbSessionState
    {
        public CtxtHandle SecurityContext;
        public ulong SessionId;
    }

    public sealed class TreeConnectHelper
    {
        private readonly object _shareLock = new object();
        private readonly Dictionary<string, string> _shares = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<ulong, int> _openTrees = new Dictionary<ulong, int>();

        public NTStatus TreeConnect(SmbSessionState session, string shareName, out ushort treeId)
        {
            treeId = 0;
            int status = Secur32.ImpersonateSecurityContext(ref session.SecurityContext);
            if (status < 0)
            {
                return NTStatus.STATUS_LOGON_FAILURE;
            }

            try
            {
                string path;
                lock (_shareLock)
                {
                    if (!_shares.TryGetValue(shareName, out path))
                    {
                        return NTStatus.STATUS_BAD_NETWORK_NAME;
                    }

                    _openTrees.TryGetValue(session.SessionId, out int count);
                    _openTrees[session.SessionId] = count + 1;
                    treeId = (ushort)(count + 1);
                }

                // Probe access as the client: throws UnauthorizedAccessException when denied.
                Directory.GetFileSystemEntries(path, "*", SearchOption.TopDirectoryOnly);
                return NTStatus.STATUS_SUCCESS;
            }
            catch (UnauthorizedAccessException)
            {
                return NTStatus.STATUS_ACCESS_DENIED;
            }
            finally
            {
                {|SSX016:Secur32.RevertSecurityContext(ref session.SecurityContext)|};
            }
        }
    }
}
