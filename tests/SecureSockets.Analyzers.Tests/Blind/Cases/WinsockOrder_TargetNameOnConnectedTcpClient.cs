// Expect: SSX006
// Why: SSX006 and the identity note ("a socket created connected (`new TcpClient(host, port)`, accepted) counts as connected for SSX006 too"; `client.Client` is the client's socket): naming the peer after the connecting constructor fails with WSAEISCONN.
using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Fabrikam.Pharmacy.Sync
{
    internal static class Fwp
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketPeerTargetName(IntPtr Socket, IntPtr PeerTargetName, uint PeerTargetNameLen, IntPtr Overlapped, IntPtr CompletionRoutine);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public sealed class FormularySync
    {
        private readonly string _host;
        private readonly int _port;
        private readonly IntPtr _serverSpn;
        private readonly uint _serverSpnLength;

        public FormularySync(string host, int port, IntPtr serverSpn, uint serverSpnLength)
        {
            _host = host;
            _port = port;
            _serverSpn = serverSpn;
            _serverSpnLength = serverSpnLength;
        }

        public Stream OpenFeed()
        {
            var client = new TcpClient(_host, _port);
            Socket socket = client.Client;
            if ({|SSX006:Fwp.WSASetSocketPeerTargetName(socket.Handle, _serverSpn, _serverSpnLength, IntPtr.Zero, IntPtr.Zero)|} != 0)
            {
                int error = Fwp.WSAGetLastError();
                client.Dispose();
                throw new SocketException(error);
            }
            return client.GetStream();
        }
    }
}
