// Expect: SSX002
// Why: SSX002 / C-SEC-4 ("reported at the second secure event on S on some path"): the listener is secured with the default policy and then, when encryption is required, secured again.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Contoso.Fileshare.Listener
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
    internal struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static unsafe class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, SOCKADDR_IN* name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int listen(IntPtr s, int backlog);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr s, SOCKET_SECURITY_SETTINGS* settings, uint len, IntPtr overlapped, IntPtr completion);
    }

    public sealed class ListenerOptions
    {
        public ushort Port { get; set; } = 4455;
        public bool RequireEncryption { get; set; }
    }

    public static unsafe class SecureListenerFactory
    {
        public static IntPtr CreateListener(ListenerOptions options)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);

            // Baseline: whatever the IPsec policy on the box says.
            if (Native.WSASetSocketSecurity(s, null, 0, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity (default)");

            if (options.RequireEncryption)
            {
                SOCKET_SECURITY_SETTINGS settings;
                settings.SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_DEFAULT;
                settings.SecurityFlags = Native.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION;
                if ({|SSX002:Native.WSASetSocketSecurity(s, &settings, (uint)sizeof(SOCKET_SECURITY_SETTINGS), IntPtr.Zero, IntPtr.Zero)|} == Native.SOCKET_ERROR)
                    throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity (encryption)");
            }

            SOCKADDR_IN address = new SOCKADDR_IN { sin_family = Native.AF_INET, sin_port = (ushort)((options.Port >> 8) | (options.Port << 8)) };
            if (Native.bind(s, &address, sizeof(SOCKADDR_IN)) == Native.SOCKET_ERROR || Native.listen(s, 64) == Native.SOCKET_ERROR)
                throw new Win32Exception(Native.WSAGetLastError(), "bind/listen");

            return s;
        }
    }
}
