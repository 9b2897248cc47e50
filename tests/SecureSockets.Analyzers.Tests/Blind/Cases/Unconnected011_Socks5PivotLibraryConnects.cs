// Expect: SSX016
// Why: "A rule that cannot decide stays silent" (RULES intro; precision 9 "Calls into other assemblies are opaque"): the stream socket is handed to the SOCKS library's s5_connect (a native export of another library, not a catalog connect) before the impersonation, so whether it is connected cannot be decided and SSX011 stays silent. WSASocketW flags 0: SSX010 silent. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace Tailspin.RedTeam.Pivot
{
    internal static class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSAImpersonateSocketPeer(IntPtr s, IntPtr peerAddr, uint peerAddrLen);
        [DllImport("fwpuclnt.dll")] public static extern int WSARevertImpersonation();
    }

    /// <summary>Minimal SOCKS5 client library bundled with the implant.</summary>
    internal static class Socks5Lite
    {
        [DllImport("socks5lite.dll", CallingConvention = CallingConvention.Cdecl, CharSet = CharSet.Ansi)]
        public static extern int s5_connect(IntPtr socket, string proxyHost, ushort proxyPort, string targetHost, ushort targetPort);
    }

    public sealed class PeerTokenProbe
    {
        public string ProbeThroughPivot(string proxyHost, ushort proxyPort, string target, ushort port)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == Native.INVALID_SOCKET)
                throw new Win32Exception(Native.WSAGetLastError());

            try
            {
                int status = Socks5Lite.s5_connect(s, proxyHost, proxyPort, target, port);
                if (status != 0)
                    return $"pivot failed: socks status {status}";

                // Does the far end's IPsec identity hand us a usable token?
                if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0)
                    return $"no peer token: WSA error {Native.WSAGetLastError()}";

                try
                {
                    using WindowsIdentity peer = WindowsIdentity.GetCurrent();
                    return $"{peer.Name} level={peer.ImpersonationLevel} groups={peer.Groups?.Count ?? 0}";
                }
                finally
                {
                    {|SSX016:Native.WSARevertImpersonation()|};
                }
            }
            finally
            {
                Native.closesocket(s);
            }
        }
    }
}
