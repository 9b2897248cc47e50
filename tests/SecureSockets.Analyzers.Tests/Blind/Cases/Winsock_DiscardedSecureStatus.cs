// Expect: SSX007
// Why: SSX007 / C-ALL-2 ("the result is discarded"): WSASetSocketSecurity's return value is dropped and the client goes on to connect, possibly in clear text.
using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Contoso.Scada.Gateway
{
    internal enum SOCKET_SECURITY_PROTOCOL
    {
        SOCKET_SECURITY_PROTOCOL_DEFAULT,
        SOCKET_SECURITY_PROTOCOL_IPSEC,
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS
    {
        public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
        public uint SecurityFlags;
    }

    internal static class WinSockNative
    {
        internal const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;

        [DllImport("Fwpuclnt.dll")]
        internal static extern int WSASetSocketSecurity(IntPtr socket, ref SOCKET_SECURITY_SETTINGS settings, int settingsLen, IntPtr overlapped, IntPtr completion);
    }

    public sealed class PlcUplink : IDisposable
    {
        private readonly Socket _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        public void Connect(IPEndPoint plcEndpoint)
        {
            var settings = new SOCKET_SECURITY_SETTINGS
            {
                SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_DEFAULT,
                SecurityFlags = WinSockNative.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION,
            };

            {|SSX007:WinSockNative.WSASetSocketSecurity(_socket.Handle, ref settings, Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>(), IntPtr.Zero, IntPtr.Zero)|};

            _socket.NoDelay = true;
            _socket.Connect(plcEndpoint);
        }

        public int Send(byte[] frame) => _socket.Send(frame);

        public void Dispose() => _socket.Dispose();
    }
}
