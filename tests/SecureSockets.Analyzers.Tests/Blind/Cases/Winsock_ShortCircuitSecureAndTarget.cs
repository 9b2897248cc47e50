// Expect: clean
// Why: Precision 25 (`return A(…) == 0 && B(…) == 0;` tests both results and the failure leaves with the returned value) and the caller throws on false before WSAConnect (SSX007 silent; secure and target name precede the connect, SSX001/SSX006 silent).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace SecureEcho.Client
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
        internal const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        internal static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint group, uint flags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int WSAConnect(IntPtr s, ref SOCKADDR_IN name, int namelen, IntPtr callerData, IntPtr calleeData, IntPtr sqos, IntPtr gqos);

        [DllImport("ws2_32.dll")] internal static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] internal static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSASetSocketSecurity(IntPtr socket, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSASetSocketPeerTargetName(IntPtr socket, IntPtr peerTargetName, uint peerTargetNameLen, IntPtr overlapped, IntPtr completion);
    }

    public sealed class SecureEchoClient
    {
        // SOCKET_PEER_TARGET_NAME: protocol (4) + pad (4) + SOCKADDR_STORAGE (128) + string length (4) + AllStrings.
        private const int TargetNameHeaderSize = 140;

        private static IntPtr BuildTargetName(string spn, out uint length)
        {
            byte[] name = Encoding.Unicode.GetBytes(spn);
            length = (uint)(TargetNameHeaderSize + name.Length);
            IntPtr buffer = Marshal.AllocHGlobal((int)length);
            for (int i = 0; i < TargetNameHeaderSize; i++) Marshal.WriteByte(buffer, i, 0);
            Marshal.WriteInt32(buffer, 136, name.Length);
            Marshal.Copy(name, 0, buffer + TargetNameHeaderSize, name.Length);
            return buffer;
        }

        private static bool TryApplySecurity(IntPtr socket, IntPtr targetName, uint targetNameLength)
        {
            return Native.WSASetSocketSecurity(socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == 0
                && Native.WSASetSocketPeerTargetName(socket, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero) == 0;
        }

        public IntPtr Connect(SOCKADDR_IN server, string serverSpn)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == Native.INVALID_SOCKET)
                throw new SocketException(Native.WSAGetLastError());

            IntPtr targetName = BuildTargetName(serverSpn, out uint targetNameLength);
            try
            {
                if (!TryApplySecurity(s, targetName, targetNameLength))
                {
                    int error = Native.WSAGetLastError();
                    Native.closesocket(s);
                    throw new SocketException(error);
                }
            }
            finally
            {
                Marshal.FreeHGlobal(targetName);
            }

            if (Native.WSAConnect(s, ref server, Marshal.SizeOf<SOCKADDR_IN>(), IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
            {
                int error = Native.WSAGetLastError();
                Native.closesocket(s);
                throw new SocketException(error);
            }

            return s;
        }
    }
}
