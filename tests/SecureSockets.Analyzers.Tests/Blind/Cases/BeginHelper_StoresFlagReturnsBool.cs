// Expect: SSX016
// Why: Precision 2 and 21 ("stores ... may run after success in a begin-helper"): TryImpersonatePeer stores a flag and returns true on success, false on SOCKET_ERROR; the caller leaves on false and reverts in a finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Tailspin.Ftp.Server
{
    internal static class Native
    {
        public const int SOCKET_ERROR = -1;

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();

        [DllImport("ws2_32.dll")]
        public static extern int send(IntPtr s, byte[] buf, int len, int flags);
    }

    public sealed class FtpControlConnection
    {
        private readonly IntPtr _socket;
        private bool _impersonating;
        private int _lastError;

        public FtpControlConnection(IntPtr acceptedSocket) => _socket = acceptedSocket;

        public bool IsImpersonating => _impersonating;

        public void HandleRetrieve(string path, Stream dataChannel)
        {
            if (!TryImpersonatePeer())
            {
                Reply("550 Access denied (" + _lastError + ").");
                return;
            }

            try
            {
                using FileStream file = File.OpenRead(path);
                file.CopyTo(dataChannel);
            }
            finally
            {
                {|SSX016:Native.WSARevertImpersonation()|};
                _impersonating = false;
            }
            Reply("226 Transfer complete.");
        }

        private bool TryImpersonatePeer()
        {
            int rc = Native.WSAImpersonateSocketPeer(_socket, IntPtr.Zero, 0);
            if (rc == Native.SOCKET_ERROR)
            {
                _lastError = Native.WSAGetLastError();
                return false;
            }
            _impersonating = true;
            return true;
        }

        private void Reply(string line)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(line + "\r\n");
            Native.send(_socket, bytes, bytes.Length, 0);
        }
    }
}
