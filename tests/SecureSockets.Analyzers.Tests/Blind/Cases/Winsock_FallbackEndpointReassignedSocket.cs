// Expect: SSX015
// Why: SSX001/SSX002 on one local: after the failed connect the local is closed and reassigned to a fresh WSASocketW before the second WSASetSocketSecurity ("not reported when S was reassigned to a fresh socket in between"). SSX015 (added with that rule): the socket is secured on every path and connects with no peer target name set before (C-TGT-1).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Contoso.Agent.Uplink
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class NativeMethods
    {
        internal const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int WSAConnect(IntPtr s, ref SOCKADDR_IN name, int namelen, IntPtr callerData, IntPtr calleeData, IntPtr sqos, IntPtr gqos);

        [DllImport("ws2_32.dll")] internal static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] internal static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr socket, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);
    }

    public sealed class UplinkClient
    {
        private IntPtr _connection = new IntPtr(-1);

        public void Connect(SOCKADDR_IN primary, SOCKADDR_IN secondary)
        {
            int size = Marshal.SizeOf<SOCKADDR_IN>();

            IntPtr s = NativeMethods.WSASocketW(NativeMethods.AF_INET, NativeMethods.SOCK_STREAM, NativeMethods.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (NativeMethods.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == NativeMethods.SOCKET_ERROR)
            {
                int error = NativeMethods.WSAGetLastError();
                NativeMethods.closesocket(s);
                throw new SocketException(error);
            }

            if ({|SSX015:NativeMethods.WSAConnect(s, ref primary, size, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero)|} == 0)
            {
                _connection = s;
                return;
            }

            // Primary unreachable: a connect attempt leaves the socket unusable, start over on the secondary.
            NativeMethods.closesocket(s);
            s = NativeMethods.WSASocketW(NativeMethods.AF_INET, NativeMethods.SOCK_STREAM, NativeMethods.IPPROTO_TCP, IntPtr.Zero, 0, 0);

            if (NativeMethods.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == NativeMethods.SOCKET_ERROR)
            {
                int error = NativeMethods.WSAGetLastError();
                NativeMethods.closesocket(s);
                throw new SocketException(error);
            }

            if ({|SSX015:NativeMethods.WSAConnect(s, ref secondary, size, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero)|} == NativeMethods.SOCKET_ERROR)
            {
                int error = NativeMethods.WSAGetLastError();
                NativeMethods.closesocket(s);
                throw new SocketException(error);
            }

            _connection = s;
        }
    }
}
