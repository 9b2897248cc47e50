// Expect: clean
// Why: Precision 6: `is < 0` is a complete test of a SOCKET_ERROR result (the failure throws) and the revert in the finally is itself checked with `is not 0`; nothing runs impersonated outside the try.
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace Litware.Telemetry.Collector
{
    internal static class Fwp
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, uint peerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();

        [DllImport("ws2_32.dll")]
        internal static extern int recv(IntPtr s, byte[] buf, int len, int flags);
    }

    public sealed class UploadSession
    {
        private readonly IntPtr _connection;

        public UploadSession(IntPtr acceptedConnection) => _connection = acceptedConnection;

        public string ReceiveBatchOwner(byte[] buffer)
        {
            int received = Fwp.recv(_connection, buffer, buffer.Length, 0);
            if (received <= 0)
                throw new SocketException(Fwp.WSAGetLastError());

            if (Fwp.WSAImpersonateSocketPeer(_connection, IntPtr.Zero, 0) is < 0)
                throw new SocketException(Fwp.WSAGetLastError());

            try
            {
                using WindowsIdentity peer = WindowsIdentity.GetCurrent(TokenAccessLevels.Query);
                return peer.Name;
            }
            finally
            {
                int rc = Fwp.WSARevertImpersonation();
                if (rc is not 0)
                    Environment.FailFast("WSARevertImpersonation failed; the thread is still impersonating.");
            }
        }
    }
}
