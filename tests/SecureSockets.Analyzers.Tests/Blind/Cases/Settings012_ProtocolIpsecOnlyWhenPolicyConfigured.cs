// Expect: clean
// Why: reading 24 "Values on every path" ("SSX012's 'SecurityProtocol is DEFAULT' … hold[s] on every path that reaches the call"): SOCKET_SECURITY_PROTOCOL_IPSEC is assigned when an AuthIP policy is configured, so DEFAULT holds only on some paths; a rule that cannot decide stays silent.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Contoso.Hl7.Interface
{
    internal enum SOCKET_SECURITY_PROTOCOL { SOCKET_SECURITY_PROTOCOL_DEFAULT, SOCKET_SECURITY_PROTOCOL_IPSEC, SOCKET_SECURITY_PROTOCOL_IPSEC2 }

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
        public const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, SOCKADDR_IN* name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int listen(IntPtr s, int backlog);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, SOCKET_SECURITY_SETTINGS_IPSEC* settings, uint len, IntPtr ov, IntPtr cr);
    }

    public sealed class MllpListenerOptions
    {
        public ushort Port { get; set; } = 2575;
        public Guid MainModePolicy { get; set; }
        public Guid QuickModePolicy { get; set; }
    }

    public static unsafe class MllpListener
    {
        public static IntPtr Start(MllpListenerOptions options)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == Native.INVALID_SOCKET)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASocketW");

            SOCKET_SECURITY_SETTINGS_IPSEC ipsec = default;
            ipsec.SecurityFlags = Native.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION;
            if (options.MainModePolicy != Guid.Empty)
            {
                ipsec.SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC;
                ipsec.AuthipMMPolicyKey = options.MainModePolicy;
                ipsec.AuthipQMPolicyKey = options.QuickModePolicy;
            }

            if (Native.WSASetSocketSecurity(s, &ipsec, (uint)sizeof(SOCKET_SECURITY_SETTINGS_IPSEC), IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
            {
                int error = Native.WSAGetLastError();
                Native.closesocket(s);
                throw new Win32Exception(error, "WSASetSocketSecurity");
            }

            SOCKADDR_IN any = new SOCKADDR_IN { sin_family = Native.AF_INET, sin_port = (ushort)((options.Port >> 8) | (options.Port << 8)) };
            if (Native.bind(s, &any, sizeof(SOCKADDR_IN)) == Native.SOCKET_ERROR || Native.listen(s, 16) == Native.SOCKET_ERROR)
            {
                int error = Native.WSAGetLastError();
                Native.closesocket(s);
                throw new Win32Exception(error, "bind/listen");
            }

            return s;
        }
    }
}
