// Expect: SSX003
// Why: Precision 19 read the other way: the struct's explicit IDisposable.Dispose only writes a trace line, so the `using var` does not revert and File.Delete can throw (or the method end) while still impersonating the peer.
using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Tailspin.Sync.Server
{
    internal static class Native
    {
        internal const int SOCKET_ERROR = -1;

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    internal readonly struct PeerAuditScope : IDisposable
    {
        private readonly string _operation;
        private readonly long _startTicks;

        public PeerAuditScope(string operation, long startTicks)
        {
            _operation = operation;
            _startTicks = startTicks;
        }

        void IDisposable.Dispose()
        {
            long elapsed = Stopwatch.GetTimestamp() - _startTicks;
            Trace.WriteLine($"{_operation} finished in {elapsed * 1000 / Stopwatch.Frequency} ms");
        }
    }

    public sealed class DeleteCommandHandler
    {
        private readonly string _root;

        public DeleteCommandHandler(string root) => _root = root;

        public void Delete(IntPtr connection, string relativePath)
        {
            if ({|SSX003:Native.WSAImpersonateSocketPeer(connection, IntPtr.Zero, 0)|} == Native.SOCKET_ERROR)
                throw new SocketException(Native.WSAGetLastError());

            using var audit = new PeerAuditScope("DELETE " + relativePath, Stopwatch.GetTimestamp());
            File.Delete(Path.Combine(_root, relativePath));
        }
    }
}
