// Expect: clean
// Why: SSX002 ("a loop that creates a new socket each turn is not a repeat") with summaries: each endpoint gets a fresh socket that a bool helper secures and names before connect; failures close it and `continue`, success `break`s.
using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Woodgrove.Mq.Client
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct sockaddr_in
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public long sin_zero;
    }

    internal static class Ws2
    {
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr socket(int af, int type, int protocol);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int connect(IntPtr s, ref sockaddr_in name, int namelen);

        [DllImport("ws2_32.dll")]
        public static extern int closesocket(IntPtr s);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSASetSocketSecurity(IntPtr Socket, IntPtr SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSASetSocketPeerTargetName(IntPtr Socket, IntPtr PeerTargetName, uint PeerTargetNameLen, IntPtr Overlapped, IntPtr CompletionRoutine);
    }

    internal static class Helpers
    {
        public static bool SecureWithTarget(IntPtr s, IntPtr targetName, uint targetNameLength)
        {
            if (Ws2.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                return false;
            return SetTarget(s, targetName, targetNameLength);
        }

        private static bool SetTarget(IntPtr s, IntPtr targetName, uint targetNameLength)
            => Ws2.WSASetSocketPeerTargetName(s, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero) == 0;
    }

    internal sealed class BrokerConnector
    {
        public IntPtr ConnectAny(IEnumerable<sockaddr_in> brokers, IntPtr targetName, uint targetNameLength)
        {
            IntPtr connected = Ws2.INVALID_SOCKET;
            foreach (sockaddr_in broker in brokers)
            {
                sockaddr_in endpoint = broker;
                IntPtr s = Ws2.socket(2, 1, 6);
                if (!Helpers.SecureWithTarget(s, targetName, targetNameLength))
                {
                    Ws2.closesocket(s);
                    continue;
                }
                if (Ws2.connect(s, ref endpoint, 16) == 0)
                {
                    connected = s;
                    break;
                }
                Ws2.closesocket(s);
            }

            if (connected == Ws2.INVALID_SOCKET)
                throw new SocketException((int)SocketError.HostUnreachable);
            return connected;
        }
    }
}
