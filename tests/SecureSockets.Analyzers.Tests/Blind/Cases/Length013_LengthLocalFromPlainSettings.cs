// Expect: SSX013
// Why: reading 24 "Values on every path" ("a length in a local counts when every assignment reaching the call is a constant or sizeof") and "What is passed" (StructureToPtr into the buffer): the buffer holds a SOCKET_SECURITY_SETTINGS_IPSEC while the length local is Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>(); reported at the length argument inside the helper, where both are known.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Relecloud.Media.IngestNode
{
    internal enum SOCKET_SECURITY_PROTOCOL { SOCKET_SECURITY_PROTOCOL_DEFAULT, SOCKET_SECURITY_PROTOCOL_IPSEC, SOCKET_SECURITY_PROTOCOL_IPSEC2 }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS { public SOCKET_SECURITY_PROTOCOL SecurityProtocol; public uint SecurityFlags; }

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

    internal static class IngestNative
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const uint GUARANTEE_ENCRYPTION = 0x1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32", EntryPoint = "WSASocketW", SetLastError = true)] public static extern IntPtr NewSocket(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32", EntryPoint = "bind", SetLastError = true)] public static extern int Bind(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32", EntryPoint = "listen", SetLastError = true)] public static extern int Listen(IntPtr s, int backlog);
        [DllImport("ws2_32", EntryPoint = "closesocket")] public static extern int Close(IntPtr s);
        [DllImport("ws2_32", EntryPoint = "WSAGetLastError")] public static extern int LastError();
        [DllImport("fwpuclnt", EntryPoint = "WSASetSocketSecurity")] public static extern int SecureSocket(IntPtr s, IntPtr settings, uint settingsLen, IntPtr ov, IntPtr cr);
    }

    public sealed class IngestListener
    {
        public IntPtr Start(ushort port, Guid mmPolicy, Guid qmPolicy)
        {
            IntPtr s = IngestNative.NewSocket(IngestNative.AF_INET, IngestNative.SOCK_STREAM, IngestNative.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == IngestNative.INVALID_SOCKET)
                throw new Win32Exception(IngestNative.LastError(), "WSASocketW");

            RequireIpsec(s, mmPolicy, qmPolicy);

            var any = new SOCKADDR_IN { sin_family = IngestNative.AF_INET, sin_port = (ushort)((port >> 8) | (port << 8)) };
            if (IngestNative.Bind(s, ref any, Marshal.SizeOf<SOCKADDR_IN>()) != 0 || IngestNative.Listen(s, 32) != 0)
            {
                int error = IngestNative.LastError();
                IngestNative.Close(s);
                throw new Win32Exception(error, "bind/listen");
            }
            return s;
        }

        private static void RequireIpsec(IntPtr s, Guid mmPolicy, Guid qmPolicy)
        {
            var ipsec = new SOCKET_SECURITY_SETTINGS_IPSEC
            {
                SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC,
                SecurityFlags = IngestNative.GUARANTEE_ENCRYPTION,
                AuthipMMPolicyKey = mmPolicy,
                AuthipQMPolicyKey = qmPolicy,
            };

            uint settingsLength = (uint)Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>();
            IntPtr buffer = Marshal.AllocHGlobal(Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>());
            try
            {
                Marshal.StructureToPtr(ipsec, buffer, false);
                if (IngestNative.SecureSocket(s, buffer, {|SSX013:settingsLength|}, IntPtr.Zero, IntPtr.Zero) == IngestNative.SOCKET_ERROR)
                {
                    int error = IngestNative.LastError();
                    IngestNative.Close(s);
                    throw new Win32Exception(error, "WSASetSocketSecurity");
                }
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }
    }
}
