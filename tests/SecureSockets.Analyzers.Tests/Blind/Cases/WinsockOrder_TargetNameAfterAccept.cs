// Expect: SSX006
// Why: SSX006 ("reached ... on an accepted socket") and the identity note: the `.Handle` of a Socket returned by `Accept()` is connected, so naming its peer fails with WSAEISCONN (C-TGT-2).
using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Adatum.Hl7.Listener
{
    internal static class Fwpuclnt
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketPeerTargetName(IntPtr Socket, IntPtr PeerTargetName, uint PeerTargetNameLen, IntPtr Overlapped, IntPtr CompletionRoutine);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public sealed class Hl7Listener
    {
        private readonly Socket _listener;
        private readonly IntPtr _expectedSenderName;
        private readonly uint _expectedSenderNameLength;

        public Hl7Listener(IPEndPoint endpoint, IntPtr expectedSenderName, uint expectedSenderNameLength)
        {
            _listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            _listener.Bind(endpoint);
            _listener.Listen(16);
            _expectedSenderName = expectedSenderName;
            _expectedSenderNameLength = expectedSenderNameLength;
        }

        public string ReceiveOne()
        {
            Socket client = _listener.Accept();
            try
            {
                IntPtr handle = client.Handle;
                if ({|SSX006:Fwpuclnt.WSASetSocketPeerTargetName(handle, _expectedSenderName, _expectedSenderNameLength, IntPtr.Zero, IntPtr.Zero)|} != 0)
                    throw new SocketException(Fwpuclnt.WSAGetLastError());

                var buffer = new byte[4096];
                int read = client.Receive(buffer);
                return Encoding.ASCII.GetString(buffer, 0, read);
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
