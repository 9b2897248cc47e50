// Expect: clean
// Why: Socket events table (`TcpListener.Start` is the bind of `listener.Server`, Contracts "Identity"): WSASetSocketSecurity on `listener.Server.Handle` is tested and precedes Start; accepted clients are not secured again (SSX001/SSX007 silent).
using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Contoso.Inventory.Service
{
    internal static class Fwpuclnt
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr socket, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public sealed class InventoryListener
    {
        private readonly int _port;

        public InventoryListener(int port)
        {
            _port = port;
        }

        public async Task RunAsync(Func<Stream, CancellationToken, Task> handleClient, CancellationToken cancellationToken)
        {
            var listener = new TcpListener(IPAddress.IPv6Any, _port);
            listener.Server.DualMode = true;

            if (Fwpuclnt.WSASetSocketSecurity(listener.Server.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new SocketException(Fwpuclnt.WSAGetLastError());

            listener.Start(backlog: 100);
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    TcpClient client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
                    _ = Task.Run(async () =>
                    {
                        using (client)
                        using (NetworkStream stream = client.GetStream())
                        {
                            await handleClient(stream, cancellationToken).ConfigureAwait(false);
                        }
                    });
                }
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
