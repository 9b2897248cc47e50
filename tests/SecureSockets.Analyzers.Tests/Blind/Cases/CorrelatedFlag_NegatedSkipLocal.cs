// Expect: SSX016
// Why: Precision 4 ("a bool local/parameter, its negation"): `!skip` guards both the peer begin-helper and the revert helper, and `skip` is not assigned in between. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Woodgrove.Telemetry.Relay
{
    public sealed class RelayOptions
    {
        public bool RunAsService { get; set; }
        public string SpoolDirectory { get; set; }
    }

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

    public sealed class RelayWriter
    {
        private readonly RelayOptions _options;

        public RelayWriter(RelayOptions options) => _options = options;

        public void Spool(IntPtr connection, string batchId, byte[] payload)
        {
            bool skip = _options.RunAsService;
            string path = Path.Combine(_options.SpoolDirectory, batchId + ".bin");

            if (!skip)
                PeerHelpers.Begin(connection);
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                stream.Write(payload, 0, payload.Length);
            }
            finally
            {
                if (!skip)
                    PeerHelpers.End();
            }
        }
    }
}
