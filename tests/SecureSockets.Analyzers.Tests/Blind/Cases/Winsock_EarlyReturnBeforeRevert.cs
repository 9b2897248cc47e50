// Expect: SSX003, SSX016
// Why: SSX003 / C-IMP-1 ("the method can end — by `return` … — without the matching revert"): the access-denied early return and any exception from the ACL check skip WSARevertImpersonation. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace Contoso.Telemetry.Collector
{
    internal static class Native
    {
        public const int SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll")]
        public static extern int send(IntPtr s, byte[] buf, int len, int flags);

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSAImpersonateSocketPeer(IntPtr s, IntPtr peerAddr, uint peerAddrLen);

        [DllImport("fwpuclnt.dll")]
        public static extern int WSARevertImpersonation();
    }

    public sealed class CollectorSession
    {
        private static readonly byte[] Denied = { 0x15, 0x03 };
        private readonly string _allowedGroup;

        public CollectorSession(string allowedGroup)
        {
            _allowedGroup = allowedGroup;
        }

        public bool AuthorizeUpload(IntPtr clientSocket)
        {
            if ({|SSX003:Native.WSAImpersonateSocketPeer(clientSocket, IntPtr.Zero, 0)|} == Native.SOCKET_ERROR)
                throw new SocketException(Native.WSAGetLastError());

            var principal = new WindowsPrincipal(WindowsIdentity.GetCurrent());
            if (!principal.IsInRole(_allowedGroup))
            {
                Native.send(clientSocket, Denied, Denied.Length, 0);
                return false;
            }

            {|SSX016:Native.WSARevertImpersonation()|};
            return true;
        }
    }
}
