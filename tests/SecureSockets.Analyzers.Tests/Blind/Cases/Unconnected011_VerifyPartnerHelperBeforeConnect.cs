// Expect: SSX011, SSX016
// Why: RULES precision 24 Helpers ("a socket forwarded to a same-compilation helper that performs the event is judged at the call site where the value is known, and reported there"): VerifyPartner impersonates its parameter (silent inside: unknown provenance), and Open calls it on a fresh stream socket before connect (C-IMP-3). Secured and named before connect: SSX001/006/007/015 silent; flags 0: SSX010 silent. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;
using System.Text;

namespace Contoso.DirectorySync.Replicator
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

    public sealed class PartnerConnection
    {
        private const int TargetNameHeader = 140;

        public IntPtr Open(SOCKADDR_IN partner, string partnerSpn, string partnerMachineAccount)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == Native.INVALID_SOCKET) throw new Win32Exception(Native.WSAGetLastError());
            try
            {
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");

                byte[] name = Encoding.Unicode.GetBytes(partnerSpn);
                byte[] target = new byte[TargetNameHeader + name.Length];
                BitConverter.GetBytes(name.Length).CopyTo(target, 136);
                name.CopyTo(target, TargetNameHeader);
                if (Native.WSASetSocketPeerTargetName(s, target, (uint)target.Length, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketPeerTargetName");

                {|SSX011:VerifyPartner(s, partnerMachineAccount)|};

                if (Native.connect(s, ref partner, Marshal.SizeOf<SOCKADDR_IN>()) != 0)
                    throw new Win32Exception(Native.WSAGetLastError(), "connect");
                return s;
            }
            catch
            {
                Native.closesocket(s);
                throw;
            }
        }

        private static void VerifyPartner(IntPtr s, string expectedAccount)
        {
            if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0)
                throw new Win32Exception(Native.WSAGetLastError(), "WSAImpersonateSocketPeer");
            try
            {
                using WindowsIdentity partner = WindowsIdentity.GetCurrent();
                if (!string.Equals(partner.Name, expectedAccount, StringComparison.OrdinalIgnoreCase))
                    throw new UnauthorizedAccessException($"Replication partner is {partner.Name}, expected {expectedAccount}");
            }
            finally
            {
                {|SSX016:Native.WSARevertImpersonation()|};
            }
        }
    }
}
