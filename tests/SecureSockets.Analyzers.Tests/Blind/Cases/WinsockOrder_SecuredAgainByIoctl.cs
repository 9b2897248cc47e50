// Expect: SSX002
// Why: SSX002 with C-SEC-10 (`WSAIoctl(s, SIO_SET_SECURITY, ...)` counts as WSASetSocketSecurity): ConfigureSocket already secured the socket (throwing on failure), so the WSAIoctl is a second secure on the success path.
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Fabrikam.Grid.Worker
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS
    {
        public int SecurityProtocol;
        public uint SecurityFlags;
    }

    internal static class Native
    {
        public const uint SIO_SET_SECURITY = 0x980000C8;
        public const int SOL_SOCKET = 0xFFFF, SO_KEEPALIVE = 0x0008;

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int setsockopt(IntPtr s, int level, int optname, ref int optval, int optlen);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int WSAIoctl(IntPtr s, uint dwIoControlCode, ref SOCKET_SECURITY_SETTINGS lpvInBuffer, int cbInBuffer,
            IntPtr lpvOutBuffer, int cbOutBuffer, out int lpcbBytesReturned, IntPtr lpOverlapped, IntPtr lpCompletionRoutine);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr Socket, IntPtr SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);
    }

    internal sealed class WorkerSocketFactory
    {
        public IntPtr CreateEncrypted()
        {
            IntPtr s = Native.WSASocketW(2, 1, 6, IntPtr.Zero, 0, 0);
            ConfigureSocket(s);

            var settings = new SOCKET_SECURITY_SETTINGS { SecurityProtocol = 0, SecurityFlags = 0x1 };
            if ({|SSX002:Native.WSAIoctl(s, Native.SIO_SET_SECURITY, ref settings, Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>(), IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero)|} != 0)
                throw new SocketException(Native.WSAGetLastError());
            return s;
        }

        private static void ConfigureSocket(IntPtr s)
        {
            int on = 1;
            Native.setsockopt(s, Native.SOL_SOCKET, Native.SO_KEEPALIVE, ref on, sizeof(int));
            if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new SocketException(Native.WSAGetLastError());
        }
    }
}
