// Expect: clean
// Why: C-TGT-7 (WSAIoctl with SIO_SET_PEER_TARGET_NAME 0x980000CA counts as WSASetSocketPeerTargetName): the managed socket is secured and then named before ConnectAsync, so SSX015 is silent; both results are checked (SSX007 silent); no impersonation, so the await is not SSX008.
using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace FourthCoffee.Loyalty.PosLink
{
    internal static class Native
    {
        public const uint SIO_SET_PEER_TARGET_NAME = 0x980000CA;

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int WSAIoctl(IntPtr s, uint code, byte[] inBuffer, int inLength, IntPtr outBuffer, int outLength,
            out int bytesReturned, IntPtr overlapped, IntPtr completion);

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();
    }

    public sealed class LoyaltyServerLink : IAsyncDisposable
    {
        private const int TargetNameHeader = 140;
        private Socket _socket;

        public async Task OpenAsync(IPEndPoint loyaltyServer, string serverSpn, CancellationToken cancellationToken)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (Native.WSASetSocketSecurity(socket.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new SocketException(Native.WSAGetLastError());

                byte[] target = EncodeTargetName(serverSpn);
                if (Native.WSAIoctl(socket.Handle, Native.SIO_SET_PEER_TARGET_NAME, target, target.Length, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new SocketException(Native.WSAGetLastError());

                await socket.ConnectAsync(loyaltyServer, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            _socket = socket;
        }

        private static byte[] EncodeTargetName(string spn)
        {
            byte[] name = Encoding.Unicode.GetBytes(spn);
            byte[] buffer = new byte[TargetNameHeader + name.Length];
            BitConverter.GetBytes(name.Length).CopyTo(buffer, 136);
            name.CopyTo(buffer, TargetNameHeader);
            return buffer;
        }

        public ValueTask<int> SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
            _socket.SendAsync(message, SocketFlags.None, cancellationToken);

        public ValueTask DisposeAsync()
        {
            _socket?.Dispose();
            return default;
        }
    }
}
