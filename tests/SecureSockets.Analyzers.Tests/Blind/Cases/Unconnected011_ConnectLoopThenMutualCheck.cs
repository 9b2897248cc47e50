// Expect: SSX016
// Why: SSX011 needs a socket that "on every path, was never connected": each candidate is a fresh socket, secured and named (ApplyIpsec, 1 deep, throws on failure) before connect, and `connected` is only ever an alias of a socket whose connect succeeded (precision 14); the method throws when no candidate connected, so the impersonation runs on a connected socket (C-IMP-3). Flags 0: SSX010 silent; fresh socket per turn: SSX002 silent. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;
using System.Text;

namespace Woodgrove.Payments.SettlementClient
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr ov, IntPtr cr);
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketPeerTargetName(IntPtr s, byte[] target, uint len, IntPtr ov, IntPtr cr);
        [DllImport("fwpuclnt.dll")] public static extern int WSAImpersonateSocketPeer(IntPtr s, IntPtr peerAddr, uint peerAddrLen);
        [DllImport("fwpuclnt.dll")] public static extern int WSARevertImpersonation();
    }

    public sealed class SettlementConnector
    {
        public IntPtr Connect(IReadOnlyList<SOCKADDR_IN> clearingHouses, string clearingSpn, SecurityIdentifier clearingGroup)
        {
            IntPtr connected = Native.INVALID_SOCKET;
            foreach (SOCKADDR_IN candidate in clearingHouses)
            {
                IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                if (s == Native.INVALID_SOCKET)
                    continue;

                ApplyIpsec(s, clearingSpn);
                SOCKADDR_IN target = candidate;
                if (Native.connect(s, ref target, Marshal.SizeOf<SOCKADDR_IN>()) == 0)
                {
                    connected = s;
                    break;
                }
                Native.closesocket(s);
            }

            if (connected == Native.INVALID_SOCKET)
                throw new InvalidOperationException("No clearing house reachable over IPsec");

            // Mutual check: the server's machine account must belong to the clearing group.
            if (Native.WSAImpersonateSocketPeer(connected, IntPtr.Zero, 0) != 0)
                throw new Win32Exception(Native.WSAGetLastError(), "WSAImpersonateSocketPeer");
            bool trusted;
            try
            {
                using WindowsIdentity server = WindowsIdentity.GetCurrent();
                trusted = new WindowsPrincipal(server).IsInRole(clearingGroup);
            }
            finally
            {
                {|SSX016:Native.WSARevertImpersonation()|};
            }

            if (!trusted)
            {
                Native.closesocket(connected);
                throw new UnauthorizedAccessException("Clearing house identity not trusted");
            }
            return connected;
        }

        private static void ApplyIpsec(IntPtr s, string spn)
        {
            if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");
            byte[] name = Encoding.Unicode.GetBytes(spn);
            byte[] target = new byte[140 + name.Length];
            BitConverter.GetBytes(name.Length).CopyTo(target, 136);
            name.CopyTo(target, 140);
            if (Native.WSASetSocketPeerTargetName(s, target, (uint)target.Length, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketPeerTargetName");
        }
    }
}
