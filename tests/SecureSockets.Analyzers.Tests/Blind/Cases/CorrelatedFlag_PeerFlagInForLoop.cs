// Expect: SSX016
// Why: Precision 4 with a bool parameter inside a `for` loop: the flag guards the begin and the revert in the finally, and the `continue` inside the try still runs the finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Contoso.Camera.Archive
{
    internal static class Native
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    internal static class Peer
    {
        internal static void Impersonate(IntPtr socket)
        {
            int rc = Native.WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0);
            if (rc != 0)
                throw new SocketException(Native.WSAGetLastError());
        }

        internal static void Revert() => {|SSX016:Native.WSARevertImpersonation()|};
    }

    public sealed class ClipArchiver
    {
        public int ArchiveClips(IReadOnlyList<IntPtr> cameras, IReadOnlyList<string> clipNames, string archiveRoot, bool impersonatePeers)
        {
            int archived = 0;
            for (int i = 0; i < cameras.Count; i++)
            {
                if (impersonatePeers)
                    Peer.Impersonate(cameras[i]);
                try
                {
                    string target = Path.Combine(archiveRoot, clipNames[i]);
                    if (File.Exists(target))
                        continue;
                    File.WriteAllBytes(target, Array.Empty<byte>());
                    archived++;
                }
                finally
                {
                    if (impersonatePeers)
                        Peer.Revert();
                }
            }
            return archived;
        }
    }
}
