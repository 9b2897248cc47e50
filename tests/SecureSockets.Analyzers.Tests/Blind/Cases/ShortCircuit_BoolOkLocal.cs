// Expect: SSX016
// Why: Precision 5 ("storing `impersonating = status == 0`" is bookkeeping) and 4: `bool ok = rc == 0; if (!ok) return false;` leaves on failure before the work; the finally reverts. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Tailspin.Build.Cache
{
    internal static class Ws
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();
    }

    public sealed class ArtifactCache
    {
        private readonly string _cacheRoot;
        public int LastSocketError { get; private set; }

        public ArtifactCache(string cacheRoot) => _cacheRoot = cacheRoot;

        public bool TryPut(IntPtr builderConnection, string hash, byte[] artifact)
        {
            int rc = Ws.WSAImpersonateSocketPeer(builderConnection, IntPtr.Zero, 0);
            bool ok = rc == 0;
            if (!ok)
            {
                LastSocketError = Ws.WSAGetLastError();
                return false;
            }

            try
            {
                string path = Path.Combine(_cacheRoot, hash.Substring(0, 2), hash);
                Directory.CreateDirectory(Path.GetDirectoryName(path));
                File.WriteAllBytes(path, artifact);
                return true;
            }
            finally
            {
                {|SSX016:Ws.WSARevertImpersonation()|};
            }
        }
    }
}
