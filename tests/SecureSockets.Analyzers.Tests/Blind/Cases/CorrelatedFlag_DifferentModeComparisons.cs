// Expect: SSX003, SSX016
// Why: Precision 4 ("comparisons of one unchanged local with one constant" are correlated only when they are the same test): the begin runs for `level >= 1` but the revert only for `level == 2`, so level 1 ends impersonating. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Litware.Backup.Target
{
    internal static class PeerHelpers
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        private static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        private static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        private static extern int WSAGetLastError();

        public static void Begin(IntPtr socket)
        {
            if (WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0) != 0)
                throw new SocketException(WSAGetLastError());
        }

        public static void End() => {|SSX016:WSARevertImpersonation()|};
    }

    public sealed class BackupTarget
    {
        private readonly string _vaultRoot;

        public BackupTarget(string vaultRoot) => _vaultRoot = vaultRoot;

        public void StoreChunk(IntPtr connection, int securityLevel, string chunkId, byte[] data)
        {
            int level = securityLevel;
            if (level >= 1)
                {|SSX003:PeerHelpers.Begin(connection)|};
            try
            {
                string path = Path.Combine(_vaultRoot, chunkId.Substring(0, 2), chunkId);
                Directory.CreateDirectory(Path.GetDirectoryName(path));
                File.WriteAllBytes(path, data);
            }
            finally
            {
                if (level == 2)
                    PeerHelpers.End();
            }
        }
    }
}
