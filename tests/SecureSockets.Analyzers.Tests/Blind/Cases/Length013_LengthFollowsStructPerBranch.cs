// Expect: clean
// Why: reading 24 "Values on every path" (SSX013's "differs" must hold on every path that reaches the call): on the IPsec branch the buffer holds SOCKET_SECURITY_SETTINGS_IPSEC (protocol IPSEC, so SSX012 silent) with its own Marshal.SizeOf, on the other branch SOCKET_SECURITY_SETTINGS with its own sizeof; on no path does the length differ.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Bellows.College.ExamProctor
{
    internal enum SOCKET_SECURITY_PROTOCOL { SOCKET_SECURITY_PROTOCOL_DEFAULT, SOCKET_SECURITY_PROTOCOL_IPSEC, SOCKET_SECURITY_PROTOCOL_IPSEC2 }

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

    internal static class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const uint GUARANTEE_ENCRYPTION = 0x1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int listen(IntPtr s, int backlog);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr ov, IntPtr cr);
    }

    public static unsafe class ProctorListener
    {
        public static IntPtr Open(ushort port, Guid? campusMainModePolicy)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == Native.INVALID_SOCKET)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASocketW");

            IntPtr buffer = Marshal.AllocHGlobal(Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>());
            try
            {
                uint length;
                if (campusMainModePolicy.HasValue)
                {
                    var ipsec = new SOCKET_SECURITY_SETTINGS_IPSEC
                    {
                        SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC,
                        SecurityFlags = Native.GUARANTEE_ENCRYPTION,
                        AuthipMMPolicyKey = campusMainModePolicy.Value,
                    };
                    Marshal.StructureToPtr(ipsec, buffer, false);
                    length = (uint)Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>();
                }
                else
                {
                    var plain = new SOCKET_SECURITY_SETTINGS { SecurityFlags = Native.GUARANTEE_ENCRYPTION };
                    Marshal.StructureToPtr(plain, buffer, false);
                    length = (uint)sizeof(SOCKET_SECURITY_SETTINGS);
                }

                if (Native.WSASetSocketSecurity(s, buffer, length, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                {
                    int error = Native.WSAGetLastError();
                    Native.closesocket(s);
                    throw new Win32Exception(error, "WSASetSocketSecurity");
                }
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }

            var any = new SOCKADDR_IN { sin_family = Native.AF_INET, sin_port = (ushort)((port >> 8) | (port << 8)) };
            if (Native.bind(s, ref any, Marshal.SizeOf<SOCKADDR_IN>()) == Native.SOCKET_ERROR || Native.listen(s, 200) == Native.SOCKET_ERROR)
            {
                int error = Native.WSAGetLastError();
                Native.closesocket(s);
                throw new Win32Exception(error, "bind/listen");
            }
            return s;
        }
    }
}
