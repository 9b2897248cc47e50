// Expect: clean
// Why: SSX012 is about a SOCKET_SECURITY_SETTINGS_IPSEC value only; C-SEC-8 itself advises SOCKET_SECURITY_PROTOCOL_DEFAULT with the plain SOCKET_SECURITY_SETTINGS, which is what is passed here (with its own sizeof, SSX013 silent), before the target name and the connect (SSX001/SSX006/SSX015 silent).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Northwind.Pos.StoreSync
{
    internal enum SOCKET_SECURITY_PROTOCOL { SOCKET_SECURITY_PROTOCOL_DEFAULT, SOCKET_SECURITY_PROTOCOL_IPSEC }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS
    {
        public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
        public uint SecurityFlags;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_IN { public short sin_family; public ushort sin_port; public uint sin_addr; public ulong sin_zero; }

    internal static unsafe class Interop
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr socket(int af, int type, int protocol);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int connect(IntPtr s, SOCKADDR_IN* name, int namelen);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, SOCKET_SECURITY_SETTINGS* settings, uint len, IntPtr ov, IntPtr cr);
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketPeerTargetName(IntPtr s, byte* name, uint len, IntPtr ov, IntPtr cr);
    }

    public sealed unsafe class StoreSyncConnection : IDisposable
    {
        private IntPtr _socket = new IntPtr(-1);

        public void Open(uint headOfficeAddress, ushort port, string headOfficeSpn)
        {
            _socket = Interop.socket(Interop.AF_INET, Interop.SOCK_STREAM, Interop.IPPROTO_TCP);
            if (_socket == new IntPtr(-1))
                throw new Win32Exception(Interop.WSAGetLastError(), "socket");

            SOCKET_SECURITY_SETTINGS settings;
            settings.SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_DEFAULT;
            settings.SecurityFlags = Interop.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION;
            if (Interop.WSASetSocketSecurity(_socket, &settings, (uint)sizeof(SOCKET_SECURITY_SETTINGS), IntPtr.Zero, IntPtr.Zero) != 0)
                throw new Win32Exception(Interop.WSAGetLastError(), "WSASetSocketSecurity");

            // SOCKET_PEER_TARGET_NAME header (140 bytes) followed by the UTF-16 SPN.
            byte[] spn = Encoding.Unicode.GetBytes(headOfficeSpn);
            byte[] targetName = new byte[140 + spn.Length];
            BitConverter.TryWriteBytes(new Span<byte>(targetName, 136, 4), spn.Length);
            spn.CopyTo(targetName, 140);
            fixed (byte* p = targetName)
            {
                if (Interop.WSASetSocketPeerTargetName(_socket, p, (uint)targetName.Length, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new Win32Exception(Interop.WSAGetLastError(), "WSASetSocketPeerTargetName");
            }

            SOCKADDR_IN headOffice = new SOCKADDR_IN { sin_family = Interop.AF_INET, sin_port = (ushort)((port >> 8) | (port << 8)), sin_addr = headOfficeAddress };
            if (Interop.connect(_socket, &headOffice, sizeof(SOCKADDR_IN)) != 0)
                throw new Win32Exception(Interop.WSAGetLastError(), "connect");
        }

        public void Dispose()
        {
            if (_socket != new IntPtr(-1))
            {
                Interop.closesocket(_socket);
                _socket = new IntPtr(-1);
            }
        }
    }
}
