// Expect: clean
// Why: reading 24 "Not SSX013's business: a null structure with a non-zero length" — C-SEC-7 lets SecuritySettings be NULL (default IPsec policy); the leftover sizeof length with a null pointer is silent. Secured right after WSASocketW and before bind on the UDP socket (C-SEC-3, SSX001 silent), result checked (SSX007 silent).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Trey.Research.LabInstruments
{
    internal enum SOCKET_SECURITY_PROTOCOL { SOCKET_SECURITY_PROTOCOL_DEFAULT, SOCKET_SECURITY_PROTOCOL_IPSEC }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS { public SOCKET_SECURITY_PROTOCOL SecurityProtocol; public uint SecurityFlags; }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_IN { public short sin_family; public ushort sin_port; public uint sin_addr; public ulong sin_zero; }

    internal static unsafe class Winsock
    {
        public const int AF_INET = 2, SOCK_DGRAM = 2, IPPROTO_UDP = 17, SOCKET_ERROR = -1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, SOCKADDR_IN* name, int namelen);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("Fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, SOCKET_SECURITY_SETTINGS* settings, uint len, IntPtr ov, IntPtr cr);
    }

    public sealed unsafe class InstrumentBeaconReceiver : IDisposable
    {
        private readonly IntPtr _socket;

        public InstrumentBeaconReceiver(ushort port)
        {
            _socket = Winsock.WSASocketW(Winsock.AF_INET, Winsock.SOCK_DGRAM, Winsock.IPPROTO_UDP, IntPtr.Zero, 0, 0);
            if (_socket == Winsock.INVALID_SOCKET)
                throw new Win32Exception(Winsock.WSAGetLastError(), "WSASocketW");

            // The lab's domain IPsec policy decides; we only ask for it to be applied to this socket.
            // (The length stayed behind from when we passed our own SOCKET_SECURITY_SETTINGS.)
            if (Winsock.WSASetSocketSecurity(_socket, null, (uint)sizeof(SOCKET_SECURITY_SETTINGS), IntPtr.Zero, IntPtr.Zero) == Winsock.SOCKET_ERROR)
            {
                int error = Winsock.WSAGetLastError();
                Winsock.closesocket(_socket);
                throw new Win32Exception(error, "WSASetSocketSecurity");
            }

            SOCKADDR_IN local = new SOCKADDR_IN { sin_family = Winsock.AF_INET, sin_port = (ushort)((port >> 8) | (port << 8)) };
            if (Winsock.bind(_socket, &local, sizeof(SOCKADDR_IN)) == Winsock.SOCKET_ERROR)
            {
                int error = Winsock.WSAGetLastError();
                Winsock.closesocket(_socket);
                throw new Win32Exception(error, "bind");
            }
        }

        public void Dispose() => Winsock.closesocket(_socket);
    }
}
