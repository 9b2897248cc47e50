// Expect: SSX016
// Why: Precision 13 ("a local function is summarized like any helper and its calls are events"): the local begin throws on SOCKET_ERROR, the local end reverts in the finally, and the `await` comes after. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Adatum.Courier.Depot
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

    public sealed class ManifestService
    {
        public async Task<int> PublishManifestAsync(IntPtr driverConnection, string manifestFolder, TextWriter publisher)
        {
            void BeginAsDriver()
            {
                if (Native.WSAImpersonateSocketPeer(driverConnection, IntPtr.Zero, 0) != 0)
                    throw new SocketException(Native.WSAGetLastError());
            }

            void EndAsDriver() => {|SSX016:Native.WSARevertImpersonation()|};

            var parcels = new List<string>();
            BeginAsDriver();
            try
            {
                foreach (string file in Directory.EnumerateFiles(manifestFolder, "*.parcel"))
                    parcels.Add(Path.GetFileNameWithoutExtension(file));
            }
            finally
            {
                EndAsDriver();
            }

            foreach (string parcel in parcels)
                await publisher.WriteLineAsync(parcel);
            return parcels.Count;
        }
    }
}
