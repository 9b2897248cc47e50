// Expect: SSX016
// Why: Precision 19 ("an explicit void IDisposable.Dispose() ... in a struct"; "an owner taken by a using declaration is disposed at the end of its scope") and 3: the struct factory throws on SOCKET_ERROR and returns the owner right after success. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Fabrikam.FileShare.Daemon
{
    internal static class WinSock
    {
        public const int SOCKET_ERROR = -1;

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();
    }

    internal readonly struct PeerImpersonationScope : IDisposable
    {
        private readonly bool _active;

        private PeerImpersonationScope(bool active) => _active = active;

        public static PeerImpersonationScope Enter(IntPtr socket)
        {
            if (WinSock.WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0) == WinSock.SOCKET_ERROR)
                throw new SocketException(WinSock.WSAGetLastError());
            return new PeerImpersonationScope(true);
        }

        void IDisposable.Dispose()
        {
            if (_active)
                {|SSX016:WinSock.WSARevertImpersonation()|};
        }
    }

    public sealed class ShareRequestHandler
    {
        private readonly string _shareRoot;

        public ShareRequestHandler(string shareRoot) => _shareRoot = shareRoot;

        public byte[] ReadRequestedFile(IntPtr connection, string relativePath)
        {
            string fullPath = Path.GetFullPath(Path.Combine(_shareRoot, relativePath));
            if (!fullPath.StartsWith(_shareRoot, StringComparison.OrdinalIgnoreCase))
                throw new UnauthorizedAccessException("Path escapes the share.");

            using var impersonation = PeerImpersonationScope.Enter(connection);
            if (!File.Exists(fullPath))
                return Array.Empty<byte>();
            return File.ReadAllBytes(fullPath);
        }
    }
}
