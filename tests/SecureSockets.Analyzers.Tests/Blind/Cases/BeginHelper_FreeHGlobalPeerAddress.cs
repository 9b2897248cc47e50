// Expect: SSX016
// Why: Precision 21 (freeing buffers may run after success in a begin-helper) and 2: the datagram helper frees the copied peer address and returns the status; the receive loop `continue`s on failure and reverts in a finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace Contoso.Syslog.Ingest
{
    internal static class Ws2
    {
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int recvfrom(IntPtr s, byte[] buf, int len, int flags, byte[] from, ref int fromlen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSARevertImpersonation();
    }

    public sealed class SecureSyslogReceiver
    {
        private readonly ConcurrentQueue<(string Sender, byte[] Payload)> _queue = new();
        public int Dropped { get; private set; }

        public void ReceiveLoop(IntPtr udpSocket, Func<bool> keepRunning)
        {
            var buffer = new byte[8192];
            var from = new byte[128];
            while (keepRunning())
            {
                int fromLength = from.Length;
                int received = Ws2.recvfrom(udpSocket, buffer, buffer.Length, 0, from, ref fromLength);
                if (received <= 0)
                    continue;

                if (ImpersonateDatagramPeer(udpSocket, from, fromLength) != 0)
                {
                    Dropped++;
                    continue;
                }

                try
                {
                    string sender = WindowsIdentity.GetCurrent(TokenAccessLevels.Query).Name;
                    _queue.Enqueue((sender, buffer.AsSpan(0, received).ToArray()));
                }
                finally
                {
                    {|SSX016:Ws2.WSARevertImpersonation()|};
                }
            }
        }

        private static int ImpersonateDatagramPeer(IntPtr socket, byte[] peerAddress, int peerAddressLength)
        {
            IntPtr native = Marshal.AllocHGlobal(peerAddressLength);
            Marshal.Copy(peerAddress, 0, native, peerAddressLength);
            int rc = Ws2.WSAImpersonateSocketPeer(socket, native, (uint)peerAddressLength);
            Marshal.FreeHGlobal(native);
            return rc;
        }
    }
}
