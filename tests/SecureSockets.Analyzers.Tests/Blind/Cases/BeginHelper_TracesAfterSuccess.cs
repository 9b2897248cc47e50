// Expect: SSX003, SSX016
// Why: Precision 2 ("a method that does anything after success is judged itself"): the helper traces after a successful WSAImpersonateSocketPeer (TraceEvent may throw) and returns true still impersonating; the caller's finally does not make the helper a begin-helper. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace Adatum.Scanner.Gateway
{
    internal static class Fwp
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public sealed class ScanUploadHandler
    {
        private static readonly TraceSource Log = new TraceSource("Adatum.Scanner.Gateway");
        private readonly string _inbox;

        public ScanUploadHandler(string inbox) => _inbox = inbox;

        public bool Store(IntPtr connection, string fileName, byte[] scan)
        {
            if (!BeginPeerImpersonation(connection))
                return false;

            try
            {
                File.WriteAllBytes(Path.Combine(_inbox, fileName), scan);
                return true;
            }
            finally
            {
                {|SSX016:Fwp.WSARevertImpersonation()|};
            }
        }

        private static bool BeginPeerImpersonation(IntPtr socket)
        {
            if ({|SSX003:Fwp.WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0)|} != 0)
            {
                Log.TraceEvent(TraceEventType.Warning, 2, "Peer impersonation failed: {0}", Fwp.WSAGetLastError());
                return false;
            }

            Log.TraceEvent(TraceEventType.Verbose, 1, "Impersonating peer of socket {0}", socket);
            return true;
        }
    }
}
