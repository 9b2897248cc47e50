// Expect: clean
// Why: Precision 6 (`is not 0` is a comparison with 0) on nint sockets and pointer signatures: each failure throws before connect, secure and target name precede the connect (SSX001/006/007 silent).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Contoso.Telemetry.Transport
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

    [StructLayout(LayoutKind.Sequential)]
    internal struct sockaddr_in
    {
        public ushort sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static unsafe partial class Ws2_32
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6;
        public const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;

        [DllImport("ws2_32", SetLastError = true)]
        public static extern nint socket(int af, int type, int protocol);

        [DllImport("ws2_32", SetLastError = true)]
        public static extern int connect(nint s, sockaddr_in* name, int namelen);

        [DllImport("ws2_32")] public static extern int closesocket(nint s);
        [DllImport("ws2_32")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt")]
        public static extern int WSASetSocketSecurity(nint socket, SOCKET_SECURITY_SETTINGS* settings, uint settingsLen, void* overlapped, void* completionRoutine);

        [DllImport("fwpuclnt")]
        public static extern int WSASetSocketPeerTargetName(nint socket, byte* peerTargetName, uint peerTargetNameLen, void* overlapped, void* completionRoutine);
    }

    public sealed unsafe class IpsecTelemetryChannel : IDisposable
    {
        private nint _socket = -1;

        public void Open(uint ipv4Address, ushort port, byte[] peerTargetName)
        {
            nint s = Ws2_32.socket(Ws2_32.AF_INET, Ws2_32.SOCK_STREAM, Ws2_32.IPPROTO_TCP);
            if (s == -1)
                throw new SocketException(Ws2_32.WSAGetLastError());

            try
            {
                SOCKET_SECURITY_SETTINGS settings = default;
                settings.SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_DEFAULT;
                settings.SecurityFlags = Ws2_32.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION;

                if (Ws2_32.WSASetSocketSecurity(s, &settings, (uint)sizeof(SOCKET_SECURITY_SETTINGS), null, null) is not 0)
                    throw new SocketException(Ws2_32.WSAGetLastError());

                fixed (byte* target = peerTargetName)
                {
                    if (Ws2_32.WSASetSocketPeerTargetName(s, target, (uint)peerTargetName.Length, null, null) is not 0)
                        throw new SocketException(Ws2_32.WSAGetLastError());
                }

                sockaddr_in address = new sockaddr_in { sin_family = Ws2_32.AF_INET, sin_port = port, sin_addr = ipv4Address };
                if (Ws2_32.connect(s, &address, sizeof(sockaddr_in)) is not 0)
                    throw new SocketException(Ws2_32.WSAGetLastError());
            }
            catch
            {
                Ws2_32.closesocket(s);
                throw;
            }

            _socket = s;
        }

        public void Dispose()
        {
            if (_socket != -1)
            {
                Ws2_32.closesocket(_socket);
                _socket = -1;
            }
        }
    }
}
