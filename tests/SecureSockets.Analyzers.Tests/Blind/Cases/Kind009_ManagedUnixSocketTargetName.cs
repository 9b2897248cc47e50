// Expect: SSX009
// Why: SSX009 + C-TGT-6: `new Socket(AddressFamily.Unix, SocketType.Stream, ...)` is a visible creation with family AF_UNIX (1) on every path, so the target-name event on its SafeHandle is reported. OpenLocal never secures, so SSX015 is silent; OpenTcp (InterNetwork, secured, named before Connect) is clean.
using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Contoso.DevTunnel.LocalBroker
{
    internal static class Fwpu
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketPeerTargetName(SafeSocketHandle s, byte[] peerTargetName, uint len, IntPtr overlapped, IntPtr completion);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    internal static class PeerTargetName
    {
        private const int Header = 140; // SecurityProtocol + SOCKADDR_STORAGE + PeerTargetNameStringLen

        public static byte[] Encode(string spn)
        {
            byte[] name = Encoding.Unicode.GetBytes(spn);
            byte[] buffer = new byte[Header + name.Length];
            BitConverter.GetBytes(name.Length).CopyTo(buffer, 136);
            name.CopyTo(buffer, Header);
            return buffer;
        }
    }

    public sealed class BrokerTransport
    {
        public Socket OpenTcp(IPEndPoint broker, string brokerSpn)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (Fwpu.WSASetSocketSecurity(socket.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new SocketException(Fwpu.WSAGetLastError());

                byte[] target = PeerTargetName.Encode(brokerSpn);
                if (Fwpu.WSASetSocketPeerTargetName(socket.SafeHandle, target, (uint)target.Length, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new SocketException(Fwpu.WSAGetLastError());

                socket.Connect(broker);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public Socket OpenLocal(string socketPath, string brokerSpn)
        {
            // The local broker listens on an AF_UNIX socket; we still pin its identity like the TCP path does.
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                byte[] target = PeerTargetName.Encode(brokerSpn);
                if ({|SSX009:Fwpu.WSASetSocketPeerTargetName(socket.SafeHandle, target, (uint)target.Length, IntPtr.Zero, IntPtr.Zero)|} != 0)
                    throw new SocketException(Fwpu.WSAGetLastError());

                socket.Connect(new UnixDomainSocketEndPoint(socketPath));
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
