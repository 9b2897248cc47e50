// Expect: clean
// Why: SSX012 / C-SEC-8 + reading 24 "Values on every path" (builder summaries): the inner builder assigns SOCKET_SECURITY_PROTOCOL_IPSEC and the outer one only adds flags, so the SOCKET_SECURITY_SETTINGS_IPSEC written by StructureToPtr into the buffer is not DEFAULT; length is Marshal.SizeOf of the passed type (SSX013 silent); secured before bind (SSX001 silent).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Proseware.Backup.Vault
{
    public enum SOCKET_SECURITY_PROTOCOL
    {
        SOCKET_SECURITY_PROTOCOL_DEFAULT,
        SOCKET_SECURITY_PROTOCOL_IPSEC,
        SOCKET_SECURITY_PROTOCOL_IPSEC2,
        SOCKET_SECURITY_PROTOCOL_INVALID,
    }

    [Flags] public enum SOCKET_SETTINGS : uint { SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1, SOCKET_SETTINGS_ALLOW_INSECURE = 0x2 }
    [Flags] public enum SOCKET_SETTINGS_IPSEC : uint { SOCKET_SETTINGS_IPSEC_SKIP_FILTER_INSTANTIATION = 0x1, SOCKET_SETTINGS_IPSEC_OPTIONAL_PEER_NAME_VERIFICATION = 0x2 }

    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
    public struct SOCKET_SECURITY_SETTINGS_IPSEC
    {
        public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
        public SOCKET_SETTINGS SecurityFlags;
        public SOCKET_SETTINGS_IPSEC IpsecFlags;
        public Guid AuthipMMPolicyKey;
        public Guid AuthipQMPolicyKey;
        public Guid Reserved;
        public ulong Reserved2;
        public uint UserNameStringLen;
        public uint DomainNameStringLen;
        public uint PasswordStringLen;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN6 { public ushort sin6_family, sin6_port; public uint sin6_flowinfo; public Guid sin6_addr; public uint sin6_scope_id; }

    internal static class NativeMethods
    {
        public const int AF_INET6 = 23, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, ref SOCKADDR_IN6 name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int listen(IntPtr s, int backlog);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr ov, IntPtr cr);
    }

    public static class VaultListener
    {
        private static SOCKET_SECURITY_SETTINGS_IPSEC BaseSettings() =>
            new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC };

        private static SOCKET_SECURITY_SETTINGS_IPSEC VaultSettings(Guid mmPolicy, Guid qmPolicy)
        {
            SOCKET_SECURITY_SETTINGS_IPSEC settings = BaseSettings();
            settings.SecurityFlags = SOCKET_SETTINGS.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION;
            settings.AuthipMMPolicyKey = mmPolicy;
            settings.AuthipQMPolicyKey = qmPolicy;
            return settings;
        }

        public static IntPtr Listen(ushort port, Guid mmPolicy, Guid qmPolicy)
        {
            IntPtr s = NativeMethods.WSASocketW(NativeMethods.AF_INET6, NativeMethods.SOCK_STREAM, NativeMethods.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == NativeMethods.INVALID_SOCKET)
                throw new Win32Exception(NativeMethods.WSAGetLastError(), "WSASocketW");

            IntPtr buffer = Marshal.AllocHGlobal(Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>());
            try
            {
                Marshal.StructureToPtr(VaultSettings(mmPolicy, qmPolicy), buffer, false);
                int rc = NativeMethods.WSASetSocketSecurity(s, buffer, (uint)Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>(), IntPtr.Zero, IntPtr.Zero);
                if (rc == NativeMethods.SOCKET_ERROR)
                {
                    int error = NativeMethods.WSAGetLastError();
                    NativeMethods.closesocket(s);
                    throw new Win32Exception(error, "WSASetSocketSecurity");
                }
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }

            var any = new SOCKADDR_IN6 { sin6_family = NativeMethods.AF_INET6, sin6_port = (ushort)((port >> 8) | (port << 8)) };
            if (NativeMethods.bind(s, ref any, Marshal.SizeOf<SOCKADDR_IN6>()) == NativeMethods.SOCKET_ERROR
                || NativeMethods.listen(s, 64) == NativeMethods.SOCKET_ERROR)
            {
                int error = NativeMethods.WSAGetLastError();
                NativeMethods.closesocket(s);
                throw new Win32Exception(error, "bind/listen");
            }

            return s;
        }
    }
}
