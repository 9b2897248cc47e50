using System;
using System.Net;
using SecureSockets.Interop;

namespace SecureSockets
{
    /// <summary>
    /// A secured, listening TCP socket the wrapper creates with WSASocketW WITHOUT WSA_FLAG_OVERLAPPED, so that the
    /// sockets it accepts are blocking and non-overlapped: the only kind WSAImpersonateSocketPeer accepts (C-IMP-2;
    /// .NET's <see cref="System.Net.Sockets.Socket"/> is always overlapped and Winsock cannot be asked). Order: create →
    /// secure (C-SEC-2) → bind → listen; <see cref="Accept"/> gives the <see cref="ImpersonableSocket"/> to impersonate
    /// (C-IMP-3).
    /// </summary>
    public sealed class ImpersonableListener : IDisposable
    {
        private readonly WrapperSocketHandle _handle;

        private ImpersonableListener(WrapperSocketHandle handle, IPEndPoint localEndPoint)
        {
            _handle = handle;
            LocalEndPoint = localEndPoint;
        }

        /// <summary>The bound local address (with the port the system chose when 0 was asked).</summary>
        public IPEndPoint LocalEndPoint { get; }

        /// <summary>
        /// Creates the listener: WSASocketW(AF_INET/AF_INET6, SOCK_STREAM, IPPROTO_TCP, no overlapped flag) →
        /// WSASetSocketSecurity (<paramref name="settings"/>, default policy when null; C-SEC-2, C-SEC-7; it also takes
        /// exclusive use of the port, C-SEC-9) → bind → listen.
        /// </summary>
        /// <param name="localEndPoint">The local IPv4 or IPv6 address and port (port 0: the system picks one).</param>
        /// <param name="backlog">The listen backlog, positive.</param>
        /// <param name="settings">The security settings; null for the default policy.</param>
        /// <returns>The listening socket.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="localEndPoint"/> is null.</exception>
        /// <exception cref="ArgumentException">Not an IPv4/IPv6 endpoint (C-IMP-7).</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="backlog"/> is not positive.</exception>
        /// <exception cref="SecureSocketException">A Winsock call failed (C-ALL-2); nothing stays open.</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        public static ImpersonableListener Listen(IPEndPoint localEndPoint, int backlog = 128, SocketSecuritySettings? settings = null)
        {
            int family = WrapperSockets.FamilyOf(localEndPoint, nameof(localEndPoint));
            if (backlog <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(backlog), backlog, "The backlog must be positive.");
            }

            ISecureSocketsNative native = NativeApi.Get("ImpersonableListener.Listen");
            WrapperSocketHandle handle = WrapperSockets.CreateSecured(native, family, NativeConstants.SOCK_STREAM, NativeConstants.IPPROTO_TCP, settings);
            try
            {
                IPEndPoint bound = WrapperSockets.Bind(native, handle, localEndPoint);
                if (native.Listen(handle.DangerousGetHandle(), backlog) != 0)
                {
                    int error = native.WSAGetLastError();
                    throw Errors.Winsock(error, "listen", "C-ALL-2", "The socket is not listening.");
                }

                return new ImpersonableListener(handle, bound);
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Blocks until a client connects and returns the accepted socket. It inherits the listener's non-overlapped,
        /// blocking attributes, so <see cref="SocketPeerImpersonation.Begin"/> may impersonate its peer (C-IMP-2, C-IMP-3).
        /// </summary>
        /// <returns>The accepted, connected socket.</returns>
        /// <exception cref="ObjectDisposedException">The listener is closed.</exception>
        /// <exception cref="SecureSocketException">accept failed (C-ALL-2).</exception>
        public ImpersonableSocket Accept()
        {
            bool added = false;
            try
            {
                AddRef(ref added);
                ISecureSocketsNative native = _handle.Native;
                var address = new byte[NativeConstants.SockAddrStorageSize];
                int length = address.Length;
                IntPtr accepted = native.Accept(_handle.DangerousGetHandle(), address, ref length);
                if (accepted == NativeConstants.INVALID_SOCKET)
                {
                    int error = native.WSAGetLastError();
                    throw Errors.Winsock(error, "accept", "C-ALL-2", "No connection was accepted.");
                }

                var acceptedHandle = new WrapperSocketHandle(native, accepted);
                IPEndPoint? remote = SockAddr.Decode(address, length);
                if (remote == null)
                {
                    acceptedHandle.Dispose();
                    throw new InvalidOperationException("C-IMP-7: accept returned a peer address that is neither AF_INET nor AF_INET6.");
                }

                return ImpersonableSocket.FromAccepted(acceptedHandle, remote, LocalEndPoint);
            }
            finally
            {
                if (added)
                {
                    _handle.DangerousRelease();
                }
            }
        }

        /// <summary>The raw SOCKET, for calls the wrapper does not offer. Do not close it, make it non-blocking or overlapped.</summary>
        /// <returns>The SOCKET value.</returns>
        public IntPtr DangerousGetHandle() => _handle.DangerousGetHandle();

        /// <summary>Closes the listening socket (closesocket).</summary>
        public void Dispose() => _handle.Dispose();

        private void AddRef(ref bool added)
        {
            if (_handle.IsClosed)
            {
                throw Errors.Disposed(nameof(ImpersonableListener), "C-IMP-7");
            }

            try
            {
                _handle.DangerousAddRef(ref added);
            }
            catch (ObjectDisposedException)
            {
                throw Errors.Disposed(nameof(ImpersonableListener), "C-IMP-7");
            }
        }
    }
}
