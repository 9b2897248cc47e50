// Expect: clean
// Why: SSX012 / C-SEC-8 with reading 24 "Values on every path": the shared builder leaves SecurityProtocol at DEFAULT, but the caller assigns SOCKET_SECURITY_PROTOCOL_IPSEC2 to its copy before passing it, so on every path reaching WSASetSocketSecurity the value is not DEFAULT; the other rules are satisfied (checked, secured and named before connect).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace AdventureWorks.Warehouse.Scanners
{
    internal enum SecurityProtocol : int { Default = 0, IPsec = 1, IPsec2 = 2 }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SocketSecuritySettingsIpsec
    {
        public SecurityProtocol SecurityProtocol;
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
    internal struct SockAddrIn { public short Family; public ushort Port; public uint Address; public ulong Zero; }

    internal static class WinsockNative
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const uint GuaranteeEncryption = 0x1;

        [DllImport("ws2_32.dll", EntryPoint = "WSASocketW", SetLastError = true)] public static extern IntPtr OpenSocket(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", EntryPoint = "connect", SetLastError = true)] public static extern int Connect(IntPtr s, ref SockAddrIn name, int namelen);
        [DllImport("ws2_32.dll", EntryPoint = "closesocket")] public static extern int Close(IntPtr s);
        [DllImport("ws2_32.dll", EntryPoint = "WSAGetLastError")] public static extern int LastError();
        [DllImport("fwpuclnt.dll", EntryPoint = "WSASetSocketSecurity")] public static extern int SetSecurity(IntPtr s, ref SocketSecuritySettingsIpsec settings, int len, IntPtr ov, IntPtr cr);
        [DllImport("fwpuclnt.dll", EntryPoint = "WSASetSocketPeerTargetName")] public static extern int SetPeerTargetName(IntPtr s, byte[] name, int len, IntPtr ov, IntPtr cr);
    }

    public sealed class ScannerUplink
    {
        private IntPtr _socket;

        // Also used by the diagnostics page, which prints the flags only.
        internal static SocketSecuritySettingsIpsec EncryptedTemplate() =>
            new SocketSecuritySettingsIpsec { SecurityFlags = WinsockNative.GuaranteeEncryption };

        public void Connect(uint wmsAddress, ushort port, string wmsSpn)
        {
            _socket = WinsockNative.OpenSocket(WinsockNative.AF_INET, WinsockNative.SOCK_STREAM, WinsockNative.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (_socket == new IntPtr(-1))
                throw new Win32Exception(WinsockNative.LastError(), "WSASocketW");

            SocketSecuritySettingsIpsec settings = EncryptedTemplate();
            settings.SecurityProtocol = SecurityProtocol.IPsec2;
            if (WinsockNative.SetSecurity(_socket, ref settings, Marshal.SizeOf<SocketSecuritySettingsIpsec>(), IntPtr.Zero, IntPtr.Zero) == WinsockNative.SOCKET_ERROR)
                throw new Win32Exception(WinsockNative.LastError(), "WSASetSocketSecurity");

            byte[] spn = Encoding.Unicode.GetBytes(wmsSpn);
            byte[] targetName = new byte[140 + spn.Length];
            BitConverter.TryWriteBytes(targetName.AsSpan(136, 4), spn.Length);
            spn.CopyTo(targetName, 140);
            if (WinsockNative.SetPeerTargetName(_socket, targetName, targetName.Length, IntPtr.Zero, IntPtr.Zero) == WinsockNative.SOCKET_ERROR)
                throw new Win32Exception(WinsockNative.LastError(), "WSASetSocketPeerTargetName");

            var wms = new SockAddrIn { Family = WinsockNative.AF_INET, Port = (ushort)((port >> 8) | (port << 8)), Address = wmsAddress };
            if (WinsockNative.Connect(_socket, ref wms, Marshal.SizeOf<SockAddrIn>()) == WinsockNative.SOCKET_ERROR)
                throw new Win32Exception(WinsockNative.LastError(), "connect");
        }

        public void Close()
        {
            WinsockNative.Close(_socket);
            _socket = IntPtr.Zero;
        }
    }
}
