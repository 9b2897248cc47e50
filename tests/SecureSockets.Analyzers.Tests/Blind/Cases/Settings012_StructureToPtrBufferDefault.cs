// Expect: SSX012
// Why: SSX012 / C-SEC-8 + reading 24 "What is passed" (looks through `Marshal.StructureToPtr(x, buffer, …)` into the buffer that is passed) and Precision 1 (WSASetSocketSecurity identified by EntryPoint): SecurityProtocol is assigned Default (0) explicitly; reported at the IntPtr buffer argument.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Litware.Syslog.Relay
{
    internal enum SocketSecurityProtocol
    {
        Default = 0,
        IPsec = 1,
        IPsec2 = 2,
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS_IPSEC
    {
        public SocketSecurityProtocol SecurityProtocol;
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
    internal struct sockaddr_in
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class SafeNativeMethods
    {
        private const string Winsock = "ws2_32";
        private const string Fwp = "FWPUCLNT";

        internal const int AF_INET = 2, SOCK_DGRAM = 2, IPPROTO_UDP = 17, SOCKET_ERROR = -1;
        internal const uint SOCKET_SETTINGS_ALLOW_INSECURE = 0x2;
        internal static readonly IntPtr InvalidSocket = new IntPtr(-1);

        [DllImport(Winsock, EntryPoint = "WSASocketW", SetLastError = true)]
        internal static extern IntPtr CreateSocket(int af, int type, int protocol, IntPtr info, uint group, uint flags);

        [DllImport(Winsock, EntryPoint = "bind", SetLastError = true)]
        internal static extern int BindSocket(IntPtr s, ref sockaddr_in name, int namelen);

        [DllImport(Winsock, EntryPoint = "closesocket")]
        internal static extern int CloseSocket(IntPtr s);

        [DllImport(Winsock, EntryPoint = "WSAGetLastError")]
        internal static extern int LastSocketError();

        [DllImport(Fwp, EntryPoint = "WSASetSocketSecurity")]
        internal static extern int SetSocketSecurity(IntPtr s, IntPtr securitySettings, int securitySettingsLength, IntPtr overlapped, IntPtr completionRoutine);
    }

    public sealed class SyslogUdpReceiver
    {
        public IntPtr Open(ushort port)
        {
            IntPtr s = SafeNativeMethods.CreateSocket(SafeNativeMethods.AF_INET, SafeNativeMethods.SOCK_DGRAM, SafeNativeMethods.IPPROTO_UDP, IntPtr.Zero, 0, 0);
            if (s == SafeNativeMethods.InvalidSocket)
                throw new Win32Exception(SafeNativeMethods.LastSocketError(), "WSASocketW");

            var ipsec = default(SOCKET_SECURITY_SETTINGS_IPSEC);
            ipsec.SecurityProtocol = SocketSecurityProtocol.Default;
            ipsec.SecurityFlags = SafeNativeMethods.SOCKET_SETTINGS_ALLOW_INSECURE; // legacy devices still send in clear

            int size = Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>();
            IntPtr buffer = Marshal.AllocHGlobal(size);
            try
            {
                Marshal.StructureToPtr(ipsec, buffer, false);
                if (SafeNativeMethods.SetSocketSecurity(s, {|SSX012:buffer|}, size, IntPtr.Zero, IntPtr.Zero) == SafeNativeMethods.SOCKET_ERROR)
                {
                    int error = SafeNativeMethods.LastSocketError();
                    SafeNativeMethods.CloseSocket(s);
                    throw new Win32Exception(error, "WSASetSocketSecurity");
                }
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }

            var local = new sockaddr_in { sin_family = SafeNativeMethods.AF_INET, sin_port = (ushort)((port >> 8) | (port << 8)) };
            if (SafeNativeMethods.BindSocket(s, ref local, Marshal.SizeOf<sockaddr_in>()) == SafeNativeMethods.SOCKET_ERROR)
            {
                int error = SafeNativeMethods.LastSocketError();
                SafeNativeMethods.CloseSocket(s);
                throw new Win32Exception(error, "bind");
            }

            return s;
        }
    }
}
