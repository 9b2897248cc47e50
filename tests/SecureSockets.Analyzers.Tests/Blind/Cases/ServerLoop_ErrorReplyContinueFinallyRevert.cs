// Expect: SSX016
// Why: SSX005 ("leaving the region (continue) is handling it") and SSX003: the failure branch sends an error reply, closes the client and `continue`s; the success path reverts in a finally before the socket is closed. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Proseware.Pos.Backoffice
{
    internal static class Ws2
    {
        public const int SOCKET_ERROR = -1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int send(IntPtr s, byte[] buf, int len, int flags);

        [DllImport("ws2_32.dll")]
        public static extern int closesocket(IntPtr s);

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSARevertImpersonation();
    }

    public sealed class ReceiptServer
    {
        private readonly string _receiptDirectory;

        public ReceiptServer(string receiptDirectory) => _receiptDirectory = receiptDirectory;

        public void Run(IntPtr listenSocket, Func<bool> running)
        {
            while (running())
            {
                IntPtr client = Ws2.accept(listenSocket, IntPtr.Zero, IntPtr.Zero);
                if (client == Ws2.INVALID_SOCKET)
                    continue;

                if (Ws2.WSAImpersonateSocketPeer(client, IntPtr.Zero, 0) == Ws2.SOCKET_ERROR)
                {
                    SendLine(client, "ERR 401 peer not authenticated (" + Ws2.WSAGetLastError() + ")");
                    Ws2.closesocket(client);
                    continue;
                }

                try
                {
                    string[] receipts = Directory.GetFiles(_receiptDirectory, "*.rcpt");
                    SendLine(client, "OK " + receipts.Length);
                }
                finally
                {
                    {|SSX016:Ws2.WSARevertImpersonation()|};
                    Ws2.closesocket(client);
                }
            }
        }

        private static void SendLine(IntPtr socket, string line)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(line + "\r\n");
            Ws2.send(socket, bytes, bytes.Length, 0);
        }
    }
}
