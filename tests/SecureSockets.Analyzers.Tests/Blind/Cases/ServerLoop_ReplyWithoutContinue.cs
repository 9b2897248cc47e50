// Expect: SSX005, SSX016
// Why: SSX005 ("the failure path rejoins the work that was meant to run impersonated"): the failure branch sends the error reply but has no `continue`, so it falls into the file listing; the finally reverts, so no SSX003. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Contoso.Media.Library
{
    internal static class Winsock
    {
        public const int SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int send(IntPtr s, byte[] buf, int len, int flags);

        [DllImport("ws2_32.dll")]
        public static extern int closesocket(IntPtr s);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSARevertImpersonation();
    }

    public sealed class LibraryServer
    {
        private readonly string _mediaRoot;

        public LibraryServer(string mediaRoot) => _mediaRoot = mediaRoot;

        public void Serve(IntPtr listener, int maxClients)
        {
            for (int served = 0; served < maxClients; served++)
            {
                IntPtr client = Winsock.accept(listener, IntPtr.Zero, IntPtr.Zero);

                if ({|SSX005:Winsock.WSAImpersonateSocketPeer(client, IntPtr.Zero, 0)|} == Winsock.SOCKET_ERROR)
                {
                    Send(client, "403 peer impersonation failed");
                }

                try
                {
                    foreach (string album in Directory.EnumerateDirectories(_mediaRoot))
                        Send(client, Path.GetFileName(album));
                }
                finally
                {
                    {|SSX016:Winsock.WSARevertImpersonation()|};
                    Winsock.closesocket(client);
                }
            }
        }

        private static void Send(IntPtr socket, string line)
        {
            byte[] data = Encoding.UTF8.GetBytes(line + "\n");
            Winsock.send(socket, data, data.Length, 0);
        }
    }
}
