// Expect: SSX013
// Why: C-SEC-10 (WSAIoctl with SIO_SET_SECURITY 0x980000C8 is WSASetSocketSecurity, matched by value) + SSX013 / C-SEC-7: the in-buffer is `&settings`, a plain SOCKET_SECURITY_SETTINGS, while cbInBuffer is Marshal.SizeOf(typeof(SOCKET_SECURITY_SETTINGS_IPSEC)); reported at the length argument, once for the one call in the per-port loop.
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Wingtiptoys.Arcade.ScoreServer
{
    internal enum SOCKET_SECURITY_PROTOCOL { SOCKET_SECURITY_PROTOCOL_DEFAULT, SOCKET_SECURITY_PROTOCOL_IPSEC }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS { public SOCKET_SECURITY_PROTOCOL SecurityProtocol; public uint SecurityFlags; }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS_IPSEC
    {
        public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
        public uint SecurityFlags, IpsecFlags;
        public Guid AuthipMMPolicyKey, AuthipQMPolicyKey, Reserved;
        public ulong Reserved2;
        public uint UserNameStringLen, DomainNameStringLen, PasswordStringLen;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_IN { public short sin_family; public ushort sin_port; public uint sin_addr; public ulong sin_zero; }

    internal static unsafe class Ws2
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const uint SIO_SET_SECURITY = 0x980000C8; // _WSAIOW(IOC_VENDOR, 200)
        public const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int WSAIoctl(IntPtr s, uint dwIoControlCode, void* lpvInBuffer, uint cbInBuffer, void* lpvOutBuffer, uint cbOutBuffer, out uint lpcbBytesReturned, IntPtr lpOverlapped, IntPtr lpCompletionRoutine);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, SOCKADDR_IN* name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int listen(IntPtr s, int backlog);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
    }

    public static unsafe class ScoreListeners
    {
        public static List<IntPtr> OpenAll(IEnumerable<ushort> ports)
        {
            var listeners = new List<IntPtr>();
            foreach (ushort port in ports)
            {
                IntPtr s = Ws2.WSASocketW(Ws2.AF_INET, Ws2.SOCK_STREAM, Ws2.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                if (s == Ws2.INVALID_SOCKET)
                    throw new Win32Exception(Ws2.WSAGetLastError(), "WSASocketW");

                SOCKET_SECURITY_SETTINGS settings;
                settings.SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_DEFAULT;
                settings.SecurityFlags = Ws2.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION;

                int rc = Ws2.WSAIoctl(s, Ws2.SIO_SET_SECURITY, &settings, {|SSX013:(uint)Marshal.SizeOf(typeof(SOCKET_SECURITY_SETTINGS_IPSEC))|}, null, 0, out _, IntPtr.Zero, IntPtr.Zero);
                if (rc == Ws2.SOCKET_ERROR)
                {
                    int error = Ws2.WSAGetLastError();
                    Ws2.closesocket(s);
                    throw new Win32Exception(error, "SIO_SET_SECURITY");
                }

                SOCKADDR_IN any = new SOCKADDR_IN { sin_family = Ws2.AF_INET, sin_port = (ushort)((port >> 8) | (port << 8)) };
                if (Ws2.bind(s, &any, sizeof(SOCKADDR_IN)) == Ws2.SOCKET_ERROR || Ws2.listen(s, 64) == Ws2.SOCKET_ERROR)
                {
                    int error = Ws2.WSAGetLastError();
                    Ws2.closesocket(s);
                    throw new Win32Exception(error, "bind/listen");
                }

                listeners.Add(s);
            }
            return listeners;
        }
    }
}
