using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using SecureSockets.Interop;

namespace SecureSockets
{
    /// <summary>
    /// A blocking, non-overlapped socket the wrapper created with WSASocketW without WSA_FLAG_OVERLAPPED: the only
    /// kind <see cref="SocketPeerImpersonation"/> accepts (C-IMP-2). It is either a TCP socket returned by
    /// <see cref="ImpersonableListener.Accept"/> (C-IMP-3) or a secured UDP socket from <see cref="BindDatagram"/>,
    /// whose peers may be impersonated after a datagram from them was received (C-IMP-4).
    /// </summary>
    public sealed class ImpersonableSocket : IDisposable
    {
        private readonly WrapperSocketHandle _handle;
        private readonly HashSet<IPEndPoint> _receivedFrom = new HashSet<IPEndPoint>();

        private ImpersonableSocket(WrapperSocketHandle handle, SocketType socketType, IPEndPoint localEndPoint, IPEndPoint? remoteEndPoint)
        {
            _handle = handle;
            SocketType = socketType;
            LocalEndPoint = localEndPoint;
            RemoteEndPoint = remoteEndPoint;
        }

        /// <summary><see cref="SocketType.Stream"/> (accepted) or <see cref="SocketType.Dgram"/>.</summary>
        public SocketType SocketType { get; }

        /// <summary>The local address.</summary>
        public IPEndPoint LocalEndPoint { get; }

        /// <summary>The connected peer of an accepted stream socket; null for a datagram socket.</summary>
        public IPEndPoint? RemoteEndPoint { get; }

        /// <summary>The address family of the socket.</summary>
        public AddressFamily AddressFamily => LocalEndPoint.AddressFamily;

        /// <summary>True once <see cref="Dispose"/> closed the socket.</summary>
        public bool IsClosed => _handle.IsClosed;

        internal ISecureSocketsNative Native => _handle.Native;

        /// <summary>
        /// Creates a secured UDP socket for a server that impersonates its peers: WSASocketW(SOCK_DGRAM, no overlapped
        /// flag, C-IMP-2) → WSASetSocketSecurity right after creation (C-SEC-3; default policy when
        /// <paramref name="settings"/> is null, C-SEC-7) → bind.
        /// </summary>
        /// <param name="localEndPoint">The local IPv4 or IPv6 address and port.</param>
        /// <param name="settings">The security settings; null for the default policy.</param>
        /// <returns>The bound datagram socket.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="localEndPoint"/> is null.</exception>
        /// <exception cref="ArgumentException">Not an IPv4/IPv6 endpoint (C-IMP-7).</exception>
        /// <exception cref="SecureSocketException">A Winsock call failed (C-ALL-2); nothing stays open.</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        public static ImpersonableSocket BindDatagram(IPEndPoint localEndPoint, SocketSecuritySettings? settings = null)
        {
            int family = WrapperSockets.FamilyOf(localEndPoint, nameof(localEndPoint));
            ISecureSocketsNative native = NativeApi.Get("ImpersonableSocket.BindDatagram");
            WrapperSocketHandle handle = WrapperSockets.CreateSecured(native, family, NativeConstants.SOCK_DGRAM, NativeConstants.IPPROTO_UDP, settings);
            try
            {
                IPEndPoint bound = WrapperSockets.Bind(native, handle, localEndPoint);
                return new ImpersonableSocket(handle, SocketType.Dgram, bound, null);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        /// <summary>Sends on the connected stream socket (blocking send).</summary>
        /// <param name="buffer">The data.</param>
        /// <param name="offset">Where the data starts.</param>
        /// <param name="count">How many bytes.</param>
        /// <returns>The number of bytes sent.</returns>
        /// <exception cref="InvalidOperationException">A datagram socket (use <see cref="SendTo"/>).</exception>
        /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
        /// <exception cref="SecureSocketException">send failed (C-ALL-2).</exception>
        public int Send(byte[] buffer, int offset, int count)
        {
            WrapperSockets.CheckBuffer(buffer, offset, count);
            RequireStream("Send");
            return Call((native, s) => native.Send(s, buffer, offset, count), "send");
        }

        /// <summary>Receives from the connected stream socket (blocking recv).</summary>
        /// <param name="buffer">Where to store the data.</param>
        /// <param name="offset">Where to start storing.</param>
        /// <param name="count">The room available.</param>
        /// <returns>The number of bytes received; 0 when the peer closed the connection.</returns>
        /// <exception cref="InvalidOperationException">A datagram socket (use <see cref="ReceiveFrom"/>).</exception>
        /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
        /// <exception cref="SecureSocketException">recv failed (C-ALL-2).</exception>
        public int Receive(byte[] buffer, int offset, int count)
        {
            WrapperSockets.CheckBuffer(buffer, offset, count);
            RequireStream("Receive");
            return Call((native, s) => native.Receive(s, buffer, offset, count), "recv");
        }

        /// <summary>Sends a datagram (blocking sendto).</summary>
        /// <param name="buffer">The data.</param>
        /// <param name="offset">Where the data starts.</param>
        /// <param name="count">How many bytes.</param>
        /// <param name="remoteEndPoint">The destination.</param>
        /// <returns>The number of bytes sent.</returns>
        /// <exception cref="InvalidOperationException">A stream socket (use <see cref="Send"/>).</exception>
        /// <exception cref="ArgumentException">A destination of another family (C-IMP-7).</exception>
        /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
        /// <exception cref="SecureSocketException">sendto failed (C-ALL-2).</exception>
        public int SendTo(byte[] buffer, int offset, int count, IPEndPoint remoteEndPoint)
        {
            WrapperSockets.CheckBuffer(buffer, offset, count);
            WrapperSockets.FamilyOf(remoteEndPoint, nameof(remoteEndPoint));
            IPEndPoint mapped = SockAddr.ToFamily(remoteEndPoint, AddressFamily)
                ?? throw new ArgumentException("C-IMP-7: the destination is " + remoteEndPoint.AddressFamily + " but the socket is " + AddressFamily + ".", nameof(remoteEndPoint));
            RequireDatagram("SendTo");
            byte[] address = SockAddr.Encode(mapped);
            return Call((native, s) => native.SendTo(s, buffer, offset, count, address, address.Length), "sendto");
        }

        /// <summary>
        /// Receives a datagram (blocking recvfrom) and remembers its sender, whose identity
        /// <see cref="SocketPeerImpersonation.Begin"/> may then take (C-IMP-4).
        /// </summary>
        /// <param name="buffer">Where to store the data.</param>
        /// <param name="offset">Where to start storing.</param>
        /// <param name="count">The room available.</param>
        /// <param name="remoteEndPoint">The sender.</param>
        /// <returns>The number of bytes received.</returns>
        /// <exception cref="InvalidOperationException">A stream socket (use <see cref="Receive"/>).</exception>
        /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
        /// <exception cref="SecureSocketException">recvfrom failed (C-ALL-2).</exception>
        public int ReceiveFrom(byte[] buffer, int offset, int count, out IPEndPoint remoteEndPoint)
        {
            WrapperSockets.CheckBuffer(buffer, offset, count);
            RequireDatagram("ReceiveFrom");
            var address = new byte[NativeConstants.SockAddrStorageSize];
            int length = address.Length;
            int received = Call(
                (native, s) =>
                {
                    int l = length;
                    int r = native.ReceiveFrom(s, buffer, offset, count, address, ref l);
                    length = l;
                    return r;
                },
                "recvfrom");
            remoteEndPoint = SockAddr.Decode(address, length)
                ?? throw new InvalidOperationException("C-IMP-7: recvfrom returned a sender address that is neither AF_INET nor AF_INET6.");
            lock (_receivedFrom)
            {
                _receivedFrom.Add(remoteEndPoint);
            }

            return received;
        }

        /// <summary>The raw SOCKET, for calls the wrapper does not offer. Do not close it, make it non-blocking or overlapped (C-IMP-2).</summary>
        /// <returns>The SOCKET value.</returns>
        public IntPtr DangerousGetHandle() => _handle.DangerousGetHandle();

        /// <summary>Closes the socket (closesocket).</summary>
        public void Dispose() => _handle.Dispose();

        internal static ImpersonableSocket FromAccepted(WrapperSocketHandle handle, IPEndPoint remote, IPEndPoint listenerLocal) =>
            new ImpersonableSocket(handle, SocketType.Stream, listenerLocal, remote);

        internal bool HasReceivedFrom(IPEndPoint peer)
        {
            lock (_receivedFrom)
            {
                return _receivedFrom.Contains(peer);
            }
        }

        /// <summary>Runs a native call with the handle kept open (AddRef/Release), so a concurrent Dispose cannot close it under the call.</summary>
        internal T WithHandle<T>(Func<ISecureSocketsNative, IntPtr, T> call)
        {
            bool added = false;
            if (_handle.IsClosed)
            {
                throw Errors.Disposed(nameof(ImpersonableSocket), "C-IMP-7");
            }

            try
            {
                try
                {
                    _handle.DangerousAddRef(ref added);
                }
                catch (ObjectDisposedException)
                {
                    throw Errors.Disposed(nameof(ImpersonableSocket), "C-IMP-7");
                }

                return call(_handle.Native, _handle.DangerousGetHandle());
            }
            finally
            {
                if (added)
                {
                    _handle.DangerousRelease();
                }
            }
        }

        private int Call(Func<ISecureSocketsNative, IntPtr, int> call, string function) =>
            WithHandle((native, s) =>
            {
                int result = call(native, s);
                if (result == NativeConstants.SOCKET_ERROR)
                {
                    int error = native.WSAGetLastError();
                    throw Errors.Winsock(error, function, "C-ALL-2", "No data was transferred.");
                }

                return result;
            });

        private void RequireStream(string operation)
        {
            if (SocketType != SocketType.Stream)
            {
                throw new InvalidOperationException(operation + " needs a connected stream socket; this one is a datagram socket.");
            }
        }

        private void RequireDatagram(string operation)
        {
            if (SocketType != SocketType.Dgram)
            {
                throw new InvalidOperationException(operation + " needs a datagram socket; this one is an accepted stream socket.");
            }
        }
    }
}
