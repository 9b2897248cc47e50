// Expect: SSX016
// Why: C-IMP-4 / C-IMP-5 on a connectionless socket: WSAImpersonateSocketPeer right after recvfrom with the sender's address, failure `continue`s the loop (SSX005 silent), revert in finally (SSX003 silent). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Runtime.InteropServices;
using System.Security.Principal;
using System.Text;

namespace Contoso.Syslog.Receiver
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class Native
    {
        public const int SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int recvfrom(IntPtr s, byte[] buf, int len, int flags, ref SOCKADDR_IN from, ref int fromlen);

        [DllImport("fwpuclnt.dll")]
        public static extern int WSAImpersonateSocketPeer(IntPtr s, ref SOCKADDR_IN peerAddr, uint peerAddrLen);

        [DllImport("fwpuclnt.dll")]
        public static extern int WSARevertImpersonation();
    }

    public interface ISyslogSink
    {
        void Write(string sender, string message);
    }

    public sealed class AuthenticatedSyslogReceiver
    {
        private readonly IntPtr _socket;     // secured, bound, blocking datagram socket
        private readonly ISyslogSink _sink;

        public AuthenticatedSyslogReceiver(IntPtr securedDatagramSocket, ISyslogSink sink)
        {
            _socket = securedDatagramSocket;
            _sink = sink;
        }

        public void ReceiveLoop(int maxMessages)
        {
            var buffer = new byte[8192];
            for (int i = 0; i < maxMessages; i++)
            {
                var from = new SOCKADDR_IN();
                int fromLength = Marshal.SizeOf<SOCKADDR_IN>();
                int received = Native.recvfrom(_socket, buffer, buffer.Length, 0, ref from, ref fromLength);
                if (received == Native.SOCKET_ERROR)
                    break;

                if (Native.WSAImpersonateSocketPeer(_socket, ref from, (uint)fromLength) == Native.SOCKET_ERROR)
                    continue;   // unauthenticated sender: drop the datagram

                string sender;
                try
                {
                    using (WindowsIdentity peer = WindowsIdentity.GetCurrent())
                    {
                        sender = peer.Name;
                    }
                }
                finally
                {
                    {|SSX016:Native.WSARevertImpersonation()|};
                }

                _sink.Write(sender, Encoding.UTF8.GetString(buffer, 0, received));
            }
        }
    }
}
