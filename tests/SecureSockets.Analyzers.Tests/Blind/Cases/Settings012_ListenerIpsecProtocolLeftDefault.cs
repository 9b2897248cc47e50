// Expect: SSX012
// Why: SSX012 / C-SEC-8 ("SecurityProtocol is SOCKET_SECURITY_PROTOCOL_DEFAULT (0), assigned or left at its default"): the object initializer sets flags and AuthIP policy keys but never SecurityProtocol, and the SOCKET_SECURITY_SETTINGS_IPSEC goes by ref to WSASetSocketSecurity; reading 24 "Where": reported at the settings argument (the expression after `ref`).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Fabrikam.Telemetry.Collector
{
    internal enum SOCKET_SECURITY_PROTOCOL
    {
        SOCKET_SECURITY_PROTOCOL_DEFAULT = 0,
        SOCKET_SECURITY_PROTOCOL_IPSEC = 1,
        SOCKET_SECURITY_PROTOCOL_IPSEC2 = 2,
        SOCKET_SECURITY_PROTOCOL_INVALID = 3,
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS_IPSEC
    {
        public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
        public uint SecurityFlags;
        public uint IpsecFlags;
        public Guid AuthipMMPolicyKey;
        public Guid AuthipQMPolicyKey;
        public Guid Reserved;
        public ulong Reserved2;
        public uint UserNameStringLen;
        public uint DomainNameStringLen;
        public uint PasswordStringLen;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const uint WSA_FLAG_OVERLAPPED = 0x01;
        public const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int bind(IntPtr s, ref SOCKADDR_IN name, int namelen);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int listen(IntPtr s, int backlog);

        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr socket, ref SOCKET_SECURITY_SETTINGS_IPSEC settings, uint settingsLen, IntPtr overlapped, IntPtr completion);
    }

    public sealed class CollectorListener
    {
        private readonly Guid _mainModePolicy;
        private readonly Guid _quickModePolicy;

        public CollectorListener(Guid mainModePolicy, Guid quickModePolicy)
        {
            _mainModePolicy = mainModePolicy;
            _quickModePolicy = quickModePolicy;
        }

        public IntPtr Open(ushort port)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, Native.WSA_FLAG_OVERLAPPED);
            if (s == Native.INVALID_SOCKET)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASocketW");

            // Encrypted AuthIP with the collector's own main-mode / quick-mode policies.
            var ipsec = new SOCKET_SECURITY_SETTINGS_IPSEC
            {
                SecurityFlags = Native.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION,
                AuthipMMPolicyKey = _mainModePolicy,
                AuthipQMPolicyKey = _quickModePolicy,
            };

            if (Native.WSASetSocketSecurity(s, ref {|SSX012:ipsec|}, (uint)Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>(), IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
            {
                int error = Native.WSAGetLastError();
                Native.closesocket(s);
                throw new Win32Exception(error, "WSASetSocketSecurity");
            }

            var address = new SOCKADDR_IN { sin_family = Native.AF_INET, sin_port = (ushort)((port >> 8) | (port << 8)) };
            if (Native.bind(s, ref address, Marshal.SizeOf<SOCKADDR_IN>()) == Native.SOCKET_ERROR
                || Native.listen(s, 128) == Native.SOCKET_ERROR)
            {
                int error = Native.WSAGetLastError();
                Native.closesocket(s);
                throw new Win32Exception(error, "bind/listen");
            }

            return s;
        }
    }
}
