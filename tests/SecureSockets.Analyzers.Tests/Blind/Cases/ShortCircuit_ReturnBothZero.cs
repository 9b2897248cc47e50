// Expect: clean
// Why: Precision 25 (`return A(...) == 0 && B(...) == 0;` tests both results and the failure leaves with the returned value): the caller closes the socket and throws on false before connect.
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Woodgrove.Payments.Client
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct sockaddr_in
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public long sin_zero;
    }

    internal static class Fwp
    {
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int connect(IntPtr s, ref sockaddr_in name, int namelen);

        [DllImport("ws2_32.dll")]
        public static extern int closesocket(IntPtr s);

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSASetSocketSecurity(IntPtr socket, IntPtr securitySettings, uint securitySettingsLen, IntPtr overlapped, IntPtr completionRoutine);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSASetSocketPeerTargetName(IntPtr socket, IntPtr peerTargetName, uint peerTargetNameLen, IntPtr overlapped, IntPtr completionRoutine);
    }

    public sealed class PaymentChannel
    {
        private const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6;

        internal IntPtr Open(sockaddr_in gateway, string gatewaySpn)
        {
            IntPtr s = Fwp.WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, IntPtr.Zero, 0, 0);
            IntPtr targetName = BuildTargetName(gatewaySpn, out uint targetNameLength);
            try
            {
                if (!TrySecure(s, targetName, targetNameLength))
                {
                    int error = Fwp.WSAGetLastError();
                    Fwp.closesocket(s);
                    throw new SocketException(error);
                }
            }
            finally
            {
                Marshal.FreeHGlobal(targetName);
            }

            if (Fwp.connect(s, ref gateway, Marshal.SizeOf<sockaddr_in>()) != 0)
            {
                int error = Fwp.WSAGetLastError();
                Fwp.closesocket(s);
                throw new SocketException(error);
            }
            return s;
        }

        private static bool TrySecure(IntPtr s, IntPtr targetName, uint targetNameLength)
        {
            return Fwp.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == 0
                && Fwp.WSASetSocketPeerTargetName(s, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero) == 0;
        }

        // SOCKET_PEER_TARGET_NAME: SecurityProtocol (4), PeerAddress (SOCKADDR_STORAGE, 128), PeerTargetNameStringLen (4), AllStrings.
        private static IntPtr BuildTargetName(string spn, out uint length)
        {
            int nameBytes = spn.Length * 2;
            length = (uint)(136 + nameBytes);
            IntPtr buffer = Marshal.AllocHGlobal((int)length);
            Marshal.Copy(new byte[136], 0, buffer, 136);
            Marshal.WriteInt32(buffer, 132, nameBytes);
            Marshal.Copy(spn.ToCharArray(), 0, buffer + 136, spn.Length);
            return buffer;
        }
    }
}
