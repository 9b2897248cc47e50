// Expect: SSX016
// Why: Precision 6 ("possibly only when a constant argument such as throwOnError: true says so"): the status of WSAImpersonateSocketPeer goes to a helper called with `throwOnError: true`, which throws on SOCKET_ERROR; the finally reverts. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Adatum.Lab.Instruments
{
    internal static class Winsock
    {
        public const int SOCKET_ERROR = -1;

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();

        public static bool Succeeded(int rc, bool throwOnError = false)
        {
            if (rc != SOCKET_ERROR)
                return true;
            if (throwOnError)
                throw new SocketException(WSAGetLastError());
            return false;
        }
    }

    public sealed class InstrumentUploadHandler
    {
        private readonly string _resultsShare;

        public InstrumentUploadHandler(string resultsShare) => _resultsShare = resultsShare;

        public void StoreRun(IntPtr instrumentConnection, string runId, string csv)
        {
            Winsock.Succeeded(Winsock.WSAImpersonateSocketPeer(instrumentConnection, IntPtr.Zero, 0), throwOnError: true);
            try
            {
                string path = Path.Combine(_resultsShare, DateTime.UtcNow.ToString("yyyy-MM-dd"), runId + ".csv");
                Directory.CreateDirectory(Path.GetDirectoryName(path));
                File.WriteAllText(path, csv);
            }
            finally
            {
                {|SSX016:Winsock.WSARevertImpersonation()|};
            }
        }
    }
}
