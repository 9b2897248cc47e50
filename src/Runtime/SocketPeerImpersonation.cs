using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using SecureSockets.Interop;

namespace SecureSockets
{
    /// <summary>
    /// The calling thread acts as the peer of an <see cref="ImpersonableSocket"/> (WSAImpersonateSocketPeer) until
    /// <see cref="Dispose"/> reverts (WSARevertImpersonation, C-IMP-1). Begin throws on failure with the Winsock code,
    /// so the peer's request never runs unimpersonated (C-ALL-2). The scope belongs to its thread (C-ALL-1): use it
    /// around synchronous work only, or <see cref="RunImpersonatedAsync(ImpersonableSocket, EndPoint, Func{Task})"/>.
    /// <code>
    /// using (SocketPeerImpersonation.Begin(accepted)) { CheckAccess(); }
    /// </code>
    /// </summary>
    public sealed class SocketPeerImpersonation : IDisposable
    {
        private const uint TokenAccess = NativeConstants.TOKEN_QUERY | NativeConstants.TOKEN_IMPERSONATE | NativeConstants.TOKEN_DUPLICATE;

        private readonly ThreadScope _scope;
        private readonly ISecureSocketsNative _native;

        private SocketPeerImpersonation(ISecureSocketsNative native)
        {
            _native = native;
            _scope = new ThreadScope(this, "WSARevertImpersonation", "C-IMP-1");
        }

        /// <summary>True until the scope reverted.</summary>
        public bool IsActive => _scope.IsActive;

        /// <summary>
        /// Impersonates the peer of <paramref name="socket"/> on the calling thread. For an accepted stream socket the
        /// peer is the connected client (C-IMP-3; <paramref name="peer"/> may be omitted, C-IMP-5); for a datagram
        /// socket <paramref name="peer"/> is required and must be a sender it received from (C-IMP-4, C-IMP-5).
        /// </summary>
        /// <param name="socket">A socket the wrapper created non-overlapped (C-IMP-2).</param>
        /// <param name="peer">The peer address (datagram sockets).</param>
        /// <returns>The scope; dispose it on the same thread to revert.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="socket"/> is null, or no peer for a datagram socket (C-IMP-5).</exception>
        /// <exception cref="ArgumentException">A peer that is no IPv4/IPv6 endpoint (C-IMP-7) or not the connected peer (C-IMP-5).</exception>
        /// <exception cref="ObjectDisposedException">The socket is closed (C-IMP-7).</exception>
        /// <exception cref="InvalidOperationException">Nothing was received from that peer (C-IMP-4), or this thread already impersonates (C-ALL-1).</exception>
        /// <exception cref="SecureSocketException">WSAImpersonateSocketPeer failed; the thread is not impersonated (C-ALL-2).</exception>
        [Contracts.BeginsImpersonation(Contracts.ImpersonationKind.Peer), Contracts.ImpersonatesSocketPeer("socket")]
        public static SocketPeerImpersonation Begin(ImpersonableSocket socket, EndPoint? peer = null)
        {
            byte[] address = PeerAddress(socket, peer);
            ImpersonationThreadState.CheckNone("C-IMP-1");
            var impersonation = new SocketPeerImpersonation(socket.Native);
            socket.WithHandle((native, s) =>
            {
                if (native.WSAImpersonateSocketPeer(s, address, (uint)address.Length) != 0)
                {
                    int error = native.WSAGetLastError();
                    throw Errors.Winsock(error, "WSAImpersonateSocketPeer", ImpersonateClause(error), "The thread is NOT impersonating the peer; its request must not run.");
                }

                impersonation._scope.Activate();
                return 0;
            });
            return impersonation;
        }

        /// <summary>Runs <paramref name="action"/> as the peer of an accepted stream socket, then reverts (C-IMP-1, C-IMP-3).</summary>
        /// <param name="socket">The accepted socket.</param>
        /// <param name="action">Synchronous work; async delegates are refused (C-ALL-1).</param>
        /// <exception cref="ArgumentException">An async delegate (C-ALL-1).</exception>
        /// <exception cref="SecureSocketException">WSAImpersonateSocketPeer failed; <paramref name="action"/> did not run.</exception>
        public static void Run(ImpersonableSocket socket, Action action) => Run(socket, null, action);

        /// <summary>Runs <paramref name="action"/> as <paramref name="peer"/> (datagram: a sender just received from, C-IMP-4), then reverts.</summary>
        /// <param name="socket">The socket.</param>
        /// <param name="peer">The peer (required for datagram sockets, C-IMP-5).</param>
        /// <param name="action">Synchronous work; async delegates are refused (C-ALL-1).</param>
        /// <exception cref="ArgumentException">An async delegate (C-ALL-1).</exception>
        /// <exception cref="SecureSocketException">WSAImpersonateSocketPeer failed; <paramref name="action"/> did not run.</exception>
        public static void Run(ImpersonableSocket socket, EndPoint? peer, Action action)
        {
            DelegateGuard.CheckSynchronous(action, typeof(void), nameof(action));
            using (Begin(socket, peer))
            {
                action();
            }
        }

        /// <summary>Runs <paramref name="func"/> as the peer of an accepted stream socket and returns its result, then reverts.</summary>
        /// <typeparam name="T">The result type; Task, ValueTask and other awaitables are refused (C-ALL-1).</typeparam>
        /// <param name="socket">The accepted socket.</param>
        /// <param name="func">Synchronous work.</param>
        /// <returns>What <paramref name="func"/> returned.</returns>
        /// <exception cref="ArgumentException">An async delegate or awaitable result type (C-ALL-1).</exception>
        /// <exception cref="SecureSocketException">WSAImpersonateSocketPeer failed; <paramref name="func"/> did not run.</exception>
        public static T Run<T>(ImpersonableSocket socket, Func<T> func) => Run(socket, null, func);

        /// <summary>Runs <paramref name="func"/> as <paramref name="peer"/> and returns its result, then reverts.</summary>
        /// <typeparam name="T">The result type; Task, ValueTask and other awaitables are refused (C-ALL-1).</typeparam>
        /// <param name="socket">The socket.</param>
        /// <param name="peer">The peer (required for datagram sockets, C-IMP-5).</param>
        /// <param name="func">Synchronous work.</param>
        /// <returns>What <paramref name="func"/> returned.</returns>
        /// <exception cref="ArgumentException">An async delegate or awaitable result type (C-ALL-1).</exception>
        /// <exception cref="SecureSocketException">WSAImpersonateSocketPeer failed; <paramref name="func"/> did not run.</exception>
        public static T Run<T>(ImpersonableSocket socket, EndPoint? peer, Func<T> func)
        {
            DelegateGuard.CheckSynchronous(func, typeof(T), nameof(func));
            T result;
            using (Begin(socket, peer))
            {
                result = func();
            }

            DelegateGuard.CheckResult(result);
            return result;
        }

        /// <summary>
        /// Runs async work as the peer of an accepted stream socket: captures the peer's token (impersonate,
        /// OpenThreadToken, revert — all before the first await) and runs <paramref name="func"/> the way
        /// WindowsIdentity.RunImpersonatedAsync does, so every continuation runs as the peer and no thread stays
        /// impersonated (C-ALL-1). Needs the net8.0 build on Windows.
        /// </summary>
        /// <param name="socket">The accepted socket.</param>
        /// <param name="func">The async work.</param>
        /// <returns>The task of the work.</returns>
        /// <exception cref="PlatformNotSupportedException">The netstandard2.0 build, or not Windows.</exception>
        /// <exception cref="SecureSocketException">WSAImpersonateSocketPeer failed; <paramref name="func"/> did not run.</exception>
        public static Task RunImpersonatedAsync(ImpersonableSocket socket, Func<Task> func) => RunImpersonatedAsync(socket, null, func);

        /// <summary>Runs async work as <paramref name="peer"/> (see <see cref="RunImpersonatedAsync(ImpersonableSocket, Func{Task})"/>).</summary>
        /// <param name="socket">The socket.</param>
        /// <param name="peer">The peer (required for datagram sockets, C-IMP-4, C-IMP-5).</param>
        /// <param name="func">The async work.</param>
        /// <returns>The task of the work.</returns>
        /// <exception cref="PlatformNotSupportedException">The netstandard2.0 build, or not Windows.</exception>
        /// <exception cref="SecureSocketException">WSAImpersonateSocketPeer failed; <paramref name="func"/> did not run.</exception>
        public static Task RunImpersonatedAsync(ImpersonableSocket socket, EndPoint? peer, Func<Task> func)
        {
            if (func == null)
            {
                throw new ArgumentNullException(nameof(func));
            }

            return RunImpersonatedAsync(socket, peer, async () =>
            {
                await (func() ?? throw new InvalidOperationException("The async delegate returned a null Task.")).ConfigureAwait(false);
                return true;
            });
        }

        /// <summary>Runs async work as the peer of an accepted stream socket and returns its result (see <see cref="RunImpersonatedAsync(ImpersonableSocket, Func{Task})"/>).</summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="socket">The accepted socket.</param>
        /// <param name="func">The async work.</param>
        /// <returns>The task of the work.</returns>
        /// <exception cref="PlatformNotSupportedException">The netstandard2.0 build, or not Windows.</exception>
        /// <exception cref="SecureSocketException">WSAImpersonateSocketPeer failed; <paramref name="func"/> did not run.</exception>
        public static Task<T> RunImpersonatedAsync<T>(ImpersonableSocket socket, Func<Task<T>> func) => RunImpersonatedAsync(socket, null, func);

        /// <summary>Runs async work as <paramref name="peer"/> and returns its result (see <see cref="RunImpersonatedAsync(ImpersonableSocket, Func{Task})"/>).</summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="socket">The socket.</param>
        /// <param name="peer">The peer (required for datagram sockets, C-IMP-4, C-IMP-5).</param>
        /// <param name="func">The async work.</param>
        /// <returns>The task of the work.</returns>
        /// <exception cref="PlatformNotSupportedException">The netstandard2.0 build, or not Windows.</exception>
        /// <exception cref="SecureSocketException">WSAImpersonateSocketPeer failed; <paramref name="func"/> did not run.</exception>
        public static Task<T> RunImpersonatedAsync<T>(ImpersonableSocket socket, EndPoint? peer, Func<Task<T>> func)
        {
            if (func == null)
            {
                throw new ArgumentNullException(nameof(func));
            }

            PeerAddress(socket, peer);
            ImpersonationThreadState.CheckNone("C-ALL-1");
            if (!socket.Native.SupportsAsyncImpersonation)
            {
                throw new PlatformNotSupportedException(Errors.AsyncNeedsNet8);
            }

            IntPtr token = CaptureToken(socket, peer);
            return socket.Native.RunImpersonatedAsync(token, func);
        }

        /// <summary>Reverts (WSARevertImpersonation, C-IMP-1). On another thread than Begin's, or when the revert fails, <see cref="ImpersonationPolicy"/> decides (fail fast by default).</summary>
        /// <exception cref="InvalidOperationException">Disposed on another thread, with a policy that returned (tests).</exception>
        /// <exception cref="SecureSocketException">The revert failed, with a policy that returned (tests).</exception>
        [Contracts.RevertsImpersonation]
        public void Dispose() =>
            _scope.Dispose(
                () => _native.WSARevertImpersonation() == 0 ? 0 : NonZero(_native.WSAGetLastError()),
                error => Errors.Winsock(error, "WSARevertImpersonation", "C-IMP-1", "The thread may still be impersonating the peer."));

        private static IntPtr CaptureToken(ImpersonableSocket socket, EndPoint? peer)
        {
            ISecureSocketsNative native = socket.Native;
            IntPtr token = IntPtr.Zero;
            Exception? failure = null;
            SocketPeerImpersonation scope = Begin(socket, peer);
            try
            {
                if (!native.OpenThreadToken(native.GetCurrentThread(), TokenAccess, openAsSelf: true, out token))
                {
                    int error = native.GetLastWin32Error();
                    token = IntPtr.Zero;
                    failure = Errors.Win32(error, "OpenThreadToken", "C-ALL-1", "The peer's token could not be captured; the work did not run.");
                }
            }
            finally
            {
                try
                {
                    scope.Dispose();
                }
                catch
                {
                    if (token != IntPtr.Zero)
                    {
                        native.CloseHandle(token);
                    }

                    throw;
                }
            }

            if (failure != null)
            {
                throw failure;
            }

            return token;
        }

        private static byte[] PeerAddress(ImpersonableSocket socket, EndPoint? peer)
        {
            if (socket == null)
            {
                throw new ArgumentNullException(nameof(socket));
            }

            if (socket.IsClosed)
            {
                throw Errors.Disposed(nameof(ImpersonableSocket), "C-IMP-7");
            }

            IPEndPoint? ipPeer = null;
            if (peer != null)
            {
                ipPeer = peer as IPEndPoint
                    ?? throw new ArgumentException("C-IMP-7: the peer must be an IPEndPoint (AF_INET or AF_INET6), not " + peer.GetType().Name + ". No call was made.", nameof(peer));
                ipPeer = SockAddr.ToFamily(ipPeer, socket.AddressFamily)
                    ?? throw new ArgumentException("C-IMP-7: the peer is " + ipPeer.AddressFamily + " but the socket is " + socket.AddressFamily + ". No call was made.", nameof(peer));
            }

            if (socket.SocketType == SocketType.Stream)
            {
                IPEndPoint remote = socket.RemoteEndPoint!;
                if (ipPeer != null && !ipPeer.Equals(remote))
                {
                    throw new ArgumentException(
                        "C-IMP-5: a connected socket identifies its peer (" + remote + "); the peer given (" + ipPeer + ") is another one. No call was made.",
                        nameof(peer));
                }

                // C-IMP-5: the address is ignored for connection-oriented sockets, but NULL gives WSAEFAULT: pass the peer's.
                return SockAddr.Encode(remote);
            }

            if (ipPeer == null)
            {
                throw new ArgumentNullException(
                    nameof(peer),
                    "C-IMP-5: a datagram socket must name the peer to impersonate (a NULL address gives WSAEFAULT). No call was made.");
            }

            if (!socket.HasReceivedFrom(ipPeer))
            {
                throw new InvalidOperationException(
                    "C-IMP-4: nothing was received from " + ipPeer + " on this socket; a connectionless peer is impersonated right after a datagram from it was received (ReceiveFrom). No call was made.");
            }

            return SockAddr.Encode(ipPeer);
        }

        private static string ImpersonateClause(int error)
        {
            switch (error)
            {
                case NativeConstants.WSAEFAULT: return "C-IMP-5";
                case NativeConstants.WSAEAFNOSUPPORT:
                case NativeConstants.WSAEMSGSIZE:
                case NativeConstants.WSAENOTSOCK: return "C-IMP-7";
                default: return "C-ALL-2";
            }
        }

        private static int NonZero(int error) => error == 0 ? NativeConstants.SOCKET_ERROR : error;
    }
}
