// Expect: SSX016
// Why: SSX008 ("an await ... reached while a thread impersonation is active on some path"): the peer impersonation is checked and reverted in a finally before the method's first `await`. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Principal;
using System.Text;
using System.Threading.Tasks;

namespace Proseware.Notary.Service
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

    public sealed class NotaryEndpoint
    {
        private readonly string _ledgerPath;

        public NotaryEndpoint(string ledgerPath) => _ledgerPath = ledgerPath;

        public async Task<string> StampAsync(IntPtr connection, Stream reply, byte[] documentHash)
        {
            string signer;
            if (Fwp.WSAImpersonateSocketPeer(connection, IntPtr.Zero, 0) != 0)
                throw new SocketException(Fwp.WSAGetLastError());
            try
            {
                using WindowsIdentity peer = WindowsIdentity.GetCurrent(TokenAccessLevels.Query);
                signer = peer.Name;
            }
            finally
            {
                {|SSX016:Fwp.WSARevertImpersonation()|};
            }

            string entry = $"{DateTime.UtcNow:o} {signer} {Convert.ToHexString(documentHash)}";
            await File.AppendAllTextAsync(_ledgerPath, entry + Environment.NewLine).ConfigureAwait(false);
            await reply.WriteAsync(Encoding.UTF8.GetBytes(entry)).ConfigureAwait(false);
            return signer;
        }
    }
}
