// Expect: clean
// Why: Sockets section (`socket.Handle` and `socket.SafeHandle` are the same socket as the managed Socket): secured and named before `ConnectAsync`, each failure throws (SSX001/006/007 silent); no impersonation, so the awaits are fine.
using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Contoso.Metrics.Exporter
{
    internal static class IpsecNative
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr socket, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketPeerTargetName(SafeSocketHandle socket, byte[] peerTargetName, uint length, IntPtr overlapped, IntPtr completion);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public sealed class SecureMetricsConnection : IAsyncDisposable
    {
        private const int TargetNameHeader = 140;
        private Socket _socket;

        public static byte[] EncodeTargetName(string spn)
        {
            byte[] name = Encoding.Unicode.GetBytes(spn);
            byte[] buffer = new byte[TargetNameHeader + name.Length];
            BitConverter.GetBytes(name.Length).CopyTo(buffer, 136);
            name.CopyTo(buffer, TargetNameHeader);
            return buffer;
        }

        public async Task OpenAsync(IPEndPoint collector, string collectorSpn, CancellationToken cancellationToken)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (IpsecNative.WSASetSocketSecurity(socket.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new SocketException(IpsecNative.WSAGetLastError());

                byte[] target = EncodeTargetName(collectorSpn);
                if (IpsecNative.WSASetSocketPeerTargetName(socket.SafeHandle, target, (uint)target.Length, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new SocketException(IpsecNative.WSAGetLastError());

                await socket.ConnectAsync(collector, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            _socket = socket;
        }

        public async Task SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            await _socket.SendAsync(payload, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        public ValueTask DisposeAsync()
        {
            _socket?.Dispose();
            return default;
        }
    }
}
