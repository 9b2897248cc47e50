// Expect: none
// Why: The correct client order across files, GenuineChannels-style transport on a managed Socket (whose `.Handle` is the same socket): IpsecSocketSetup.Secure (part2) secures through `WSAIoctl(s, SIO_SET_SECURITY, ...)` matched by its constant 0x980000C8 (C-SEC-10) and throws on failure; IpsecSocketSetup.SetTarget (part2) names the server's SPN through SetTargetCore -> the renamed WSASetSocketPeerTargetName (part1, EntryPoint; precision 1), which returns the status to SetTarget, which tests it and throws (precision 5: a result that leaves the method is not unhandled). Both run before `socket.Connect` (C-SEC-1, C-TGT-3), so SSX001, SSX006, SSX007 and SSX015 ("secured ... and never given a target name before the connect") stay silent. The family comes from the endpoint (not constant: SSX009 silent); the target-name buffer has a computed length (SSX013 silent, precision 24).
using System;
using System.Net;
using System.Net.Sockets;

namespace Fabrikam.Remoting.Channels.Tcp
{
    internal sealed class TcpConnectionManager
    {
        private readonly string _serverSpn;
        private readonly int _sendTimeout;

        internal TcpConnectionManager(string serverSpn, int sendTimeout)
        {
            _serverSpn = serverSpn;
            _sendTimeout = sendTimeout;
        }

        internal Socket LowLevel_OpenConnection(IPEndPoint remote)
        {
            var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.NoDelay = true;
                socket.SendTimeout = _sendTimeout;

                IpsecSocketSetup.Secure(socket);
                IpsecSocketSetup.SetTarget(socket, _serverSpn);

                socket.Connect(remote);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }
}
