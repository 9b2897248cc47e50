// Expect: SSX012
// Why: SSX012 / C-SEC-8 + reading 24 "Values on every path" ("a struct … forwarded to a same-compilation helper that performs the event is judged at the call site where the value is known, and reported there"): the IPSEC settings never get a SecurityProtocol and are passed by value to ApplyIpsec inside the failover loop; the helper's own parameter is unknown there, so the one report is at the helper call's settings argument.
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Woodgrove.Settlement.Gateway
{
    internal enum SOCKET_SECURITY_PROTOCOL { SOCKET_SECURITY_PROTOCOL_DEFAULT, SOCKET_SECURITY_PROTOCOL_IPSEC, SOCKET_SECURITY_PROTOCOL_IPSEC2 }

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
    public struct SOCKADDR_IN { public short sin_family; public ushort sin_port; public uint sin_addr; public ulong sin_zero; }

    internal static class Ws2
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1, SOCKET_SETTINGS_IPSEC_OPTIONAL_PEER_NAME_VERIFICATION = 0x2;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, ref SOCKET_SECURITY_SETTINGS_IPSEC settings, uint len, IntPtr ov, IntPtr cr);
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketPeerTargetName(IntPtr s, IntPtr name, uint len, IntPtr ov, IntPtr cr);
    }

    public sealed class SettlementUplink
    {
        private const int AllStringsOffset = 140;

        public IntPtr ConnectToClearingHouse(IEnumerable<SOCKADDR_IN> endpoints, string clearingHouseSpn)
        {
            var settings = new SOCKET_SECURITY_SETTINGS_IPSEC();
            settings.SecurityFlags = Ws2.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION;
            settings.IpsecFlags = Ws2.SOCKET_SETTINGS_IPSEC_OPTIONAL_PEER_NAME_VERIFICATION;

            foreach (SOCKADDR_IN endpoint in endpoints)
            {
                IntPtr s = Ws2.WSASocketW(Ws2.AF_INET, Ws2.SOCK_STREAM, Ws2.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                if (s == Ws2.INVALID_SOCKET)
                    continue;

                ApplyIpsec(s, {|SSX012:settings|});
                NamePeer(s, clearingHouseSpn);

                SOCKADDR_IN target = endpoint;
                if (Ws2.connect(s, ref target, Marshal.SizeOf<SOCKADDR_IN>()) == 0)
                    return s;
                Ws2.closesocket(s);
            }

            throw new InvalidOperationException("No clearing-house endpoint accepted the IPsec connection.");
        }

        private static void ApplyIpsec(IntPtr s, SOCKET_SECURITY_SETTINGS_IPSEC settings)
        {
            if (Ws2.WSASetSocketSecurity(s, ref settings, (uint)Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>(), IntPtr.Zero, IntPtr.Zero) != 0)
            {
                int error = Ws2.WSAGetLastError();
                Ws2.closesocket(s);
                throw new Win32Exception(error, "WSASetSocketSecurity");
            }
        }

        private static void NamePeer(IntPtr s, string spn)
        {
            byte[] name = Encoding.Unicode.GetBytes(spn);
            uint length = (uint)(AllStringsOffset + name.Length);
            IntPtr buffer = Marshal.AllocHGlobal((int)length);
            try
            {
                for (int i = 0; i < AllStringsOffset; i++) Marshal.WriteByte(buffer, i, 0);
                Marshal.WriteInt32(buffer, 136, name.Length);
                Marshal.Copy(name, 0, buffer + AllStringsOffset, name.Length);
                if (Ws2.WSASetSocketPeerTargetName(s, buffer, length, IntPtr.Zero, IntPtr.Zero) != 0)
                {
                    int error = Ws2.WSAGetLastError();
                    Ws2.closesocket(s);
                    throw new Win32Exception(error, "WSASetSocketPeerTargetName");
                }
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }
    }
}
