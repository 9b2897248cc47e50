// Expect: SSX013
// Why: SSX013 / C-SEC-7 + reading 24 "What is passed" (looks through the pointer cast `(SOCKET_SECURITY_SETTINGS*)&ipsec`): the structure actually passed is SOCKET_SECURITY_SETTINGS_IPSEC but the length is sizeof(SOCKET_SECURITY_SETTINGS); reported at the length argument. SecurityProtocol is IPSEC, so SSX012 is silent.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Fourthcoffee.Roasting.PlcBridge
{
    internal enum SOCKET_SECURITY_PROTOCOL { SOCKET_SECURITY_PROTOCOL_DEFAULT, SOCKET_SECURITY_PROTOCOL_IPSEC, SOCKET_SECURITY_PROTOCOL_IPSEC2, SOCKET_SECURITY_PROTOCOL_INVALID }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS
    {
        public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
        public uint SecurityFlags;
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
    internal struct SOCKADDR_IN { public short sin_family; public ushort sin_port; public uint sin_addr; public ulong sin_zero; }

    internal static unsafe class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1, SOCKET_SETTINGS_IPSEC_SKIP_FILTER_INSTANTIATION = 0x1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, SOCKADDR_IN* name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int listen(IntPtr s, int backlog);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, SOCKET_SECURITY_SETTINGS* settings, uint len, IntPtr ov, IntPtr cr);
    }

    public static unsafe class PlcTelemetryListener
    {
        public static IntPtr Create(ushort port, Guid mmPolicy, Guid qmPolicy)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == Native.INVALID_SOCKET)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASocketW");

            SOCKET_SECURITY_SETTINGS_IPSEC ipsec = default;
            ipsec.SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC;
            ipsec.SecurityFlags = Native.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION;
            ipsec.IpsecFlags = Native.SOCKET_SETTINGS_IPSEC_SKIP_FILTER_INSTANTIATION;
            ipsec.AuthipMMPolicyKey = mmPolicy;
            ipsec.AuthipQMPolicyKey = qmPolicy;

            // Copied from the plain-settings listener; only the structure was changed.
            if (Native.WSASetSocketSecurity(s, (SOCKET_SECURITY_SETTINGS*)&ipsec, {|SSX013:(uint)sizeof(SOCKET_SECURITY_SETTINGS)|}, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
            {
                int error = Native.WSAGetLastError();
                Native.closesocket(s);
                throw new Win32Exception(error, "WSASetSocketSecurity");
            }

            SOCKADDR_IN any = new SOCKADDR_IN { sin_family = Native.AF_INET, sin_port = (ushort)((port >> 8) | (port << 8)) };
            if (Native.bind(s, &any, sizeof(SOCKADDR_IN)) == Native.SOCKET_ERROR || Native.listen(s, 8) == Native.SOCKET_ERROR)
            {
                int error = Native.WSAGetLastError();
                Native.closesocket(s);
                throw new Win32Exception(error, "bind/listen");
            }

            return s;
        }
    }
}
