// Expect: SSX001
// Why: SSX001 / C-SEC-2, C-SEC-6 ("on a socket that was created connected (accepted)"): the server secures each accepted connection instead of the listening socket before bind.
using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;

namespace Contoso.Ingest.Server
{
    internal static class Ws2
    {
        public const int SOCKET_ERROR = -1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSAAccept(IntPtr s, IntPtr addr, IntPtr addrlen, IntPtr condition, IntPtr callbackData);

        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr overlapped, IntPtr completion);
    }

    public sealed class IngestServer
    {
        private readonly IntPtr _listener;
        private readonly List<IntPtr> _clients = new List<IntPtr>();

        public IngestServer(IntPtr boundListeningSocket)
        {
            _listener = boundListeningSocket;
        }

        public void Run(CancellationToken token)
        {
            while (!token.IsCancellationRequested)
            {
                IntPtr client = Ws2.WSAAccept(_listener, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
                if (client == Ws2.INVALID_SOCKET)
                    continue;

                if ({|SSX001:Ws2.WSASetSocketSecurity(client, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} == Ws2.SOCKET_ERROR)
                {
                    Console.Error.WriteLine("IPsec setup failed for client: " + new SocketException(Ws2.WSAGetLastError()).Message);
                    Ws2.closesocket(client);
                    continue;
                }

                lock (_clients)
                {
                    _clients.Add(client);
                }
            }
        }
    }
}
