using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using SecureSockets.Interop;

namespace SecureSockets
{
    /// <summary>
    /// Builds secured sockets in the only order the contracts allow, so it cannot be got wrong: create → secure
    /// (C-SEC-1, 2, 3; always, with the default policy unless <see cref="WithSecurity"/> says otherwise, C-SEC-7) →
    /// peer target names (C-TGT-3, 4) → connect, or bind → listen. Each terminal method makes a new socket and performs
    /// every step before returning it; on any failure it closes the socket and throws.
    /// <code>
    /// using Socket client = SecureSocketBuilder.Tcp(AddressFamily.InterNetwork)
    ///     .WithPeerTargetName("host/server.contoso.com")
    ///     .Connect(new IPEndPoint(address, 443));
    /// </code>
    /// </summary>
    public sealed class SecureSocketBuilder
    {
        private readonly AddressFamily _family;
        private readonly SocketType _type;
        private readonly ProtocolType _protocol;
        private readonly List<KeyValuePair<IPEndPoint?, byte[]>> _targets = new List<KeyValuePair<IPEndPoint?, byte[]>>();
        private SocketSecuritySettings? _settings;
        private bool _settingsGiven;

        private SecureSocketBuilder(AddressFamily family, SocketType type, ProtocolType protocol)
        {
            _family = family;
            _type = type;
            _protocol = protocol;
        }

        /// <summary>A builder for TCP sockets (SOCK_STREAM, IPPROTO_TCP).</summary>
        /// <param name="family">InterNetwork or InterNetworkV6 (C-SEC-5).</param>
        /// <returns>The builder.</returns>
        /// <exception cref="ArgumentException">Another family (C-SEC-5).</exception>
        public static SecureSocketBuilder Tcp(AddressFamily family) => Create(family, SocketType.Stream, ProtocolType.Tcp);

        /// <summary>A builder for UDP sockets (SOCK_DGRAM, IPPROTO_UDP).</summary>
        /// <param name="family">InterNetwork or InterNetworkV6 (C-SEC-5).</param>
        /// <returns>The builder.</returns>
        /// <exception cref="ArgumentException">Another family (C-SEC-5).</exception>
        public static SecureSocketBuilder Udp(AddressFamily family) => Create(family, SocketType.Dgram, ProtocolType.Udp);

        /// <summary>A builder for sockets of the given kind.</summary>
        /// <param name="family">InterNetwork or InterNetworkV6 (C-SEC-5).</param>
        /// <param name="type">Stream or Dgram (C-SEC-5).</param>
        /// <param name="protocol">The protocol (Tcp, Udp, or Unspecified for the type's default).</param>
        /// <returns>The builder.</returns>
        /// <exception cref="ArgumentException">Another family or type (C-SEC-5).</exception>
        public static SecureSocketBuilder Create(AddressFamily family, SocketType type, ProtocolType protocol)
        {
            if (family != AddressFamily.InterNetwork && family != AddressFamily.InterNetworkV6)
            {
                throw new ArgumentException("C-SEC-5: only InterNetwork and InterNetworkV6 sockets can be secured, not " + family + ".", nameof(family));
            }

            if (type != SocketType.Stream && type != SocketType.Dgram)
            {
                throw new ArgumentException("C-SEC-5: only Stream and Dgram sockets can be secured, not " + type + ".", nameof(type));
            }

            return new SecureSocketBuilder(family, type, protocol);
        }

        /// <summary>The settings to secure with; null (or never calling this) means the default policy (C-SEC-7). Once per builder (C-SEC-4).</summary>
        /// <param name="settings">The settings, or null for the default policy.</param>
        /// <returns>This builder.</returns>
        /// <exception cref="InvalidOperationException">Settings were already chosen (C-SEC-4: one application per socket).</exception>
        public SecureSocketBuilder WithSecurity(SocketSecuritySettings? settings = null)
        {
            if (_settingsGiven)
            {
                throw new InvalidOperationException("C-SEC-4: security is applied once per socket; the settings were already chosen for this builder.");
            }

            _settings = settings;
            _settingsGiven = true;
            return this;
        }

        /// <summary>The target name (SPN) of the server a stream client connects to, set before connect (C-TGT-1, C-TGT-3).</summary>
        /// <param name="targetName">The server's SPN.</param>
        /// <returns>This builder.</returns>
        /// <exception cref="ArgumentNullException">A null name (C-TGT-5).</exception>
        /// <exception cref="ArgumentException">An empty name (C-TGT-5).</exception>
        /// <exception cref="InvalidOperationException">A datagram builder (it names one target per peer, C-TGT-4), or a name was already given.</exception>
        public SecureSocketBuilder WithPeerTargetName(string targetName)
        {
            byte[] name = SocketSecurity.EncodeTargetName(targetName);
            if (_type != SocketType.Stream)
            {
                throw new InvalidOperationException("C-TGT-4, C-TGT-5: a datagram socket names one target per peer address; use WithPeerTargetName(targetName, peer).");
            }

            if (_targets.Count != 0)
            {
                throw new InvalidOperationException("C-TGT-3: a stream client connects to one peer; its target name was already given.");
            }

            _targets.Add(new KeyValuePair<IPEndPoint?, byte[]>(null, name));
            return this;
        }

        /// <summary>The target name (SPN) of one peer of a datagram socket, set before any send to it (C-TGT-3, C-TGT-4).</summary>
        /// <param name="targetName">The peer's SPN.</param>
        /// <param name="peer">The peer's address; not a zero address or port (C-TGT-5).</param>
        /// <returns>This builder.</returns>
        /// <exception cref="ArgumentNullException">A null argument (C-TGT-5).</exception>
        /// <exception cref="ArgumentException">An empty name, a zero or foreign-family peer (C-TGT-5, C-TGT-6).</exception>
        /// <exception cref="InvalidOperationException">A stream builder (use the overload without a peer), or a second name for the same peer (C-TGT-4).</exception>
        public SecureSocketBuilder WithPeerTargetName(string targetName, IPEndPoint peer)
        {
            byte[] name = SocketSecurity.EncodeTargetName(targetName);
            IPEndPoint ipPeer = SocketSecurity.CheckPeer(peer, _family, nameof(peer));
            if (_type != SocketType.Dgram)
            {
                throw new InvalidOperationException("C-TGT-3: a stream client has one peer, the one it connects to; use WithPeerTargetName(targetName).");
            }

            foreach (KeyValuePair<IPEndPoint?, byte[]> target in _targets)
            {
                if (ipPeer.Equals(target.Key))
                {
                    throw new InvalidOperationException("C-TGT-4: one target name per peer address; " + ipPeer + " already has one.");
                }
            }

            _targets.Add(new KeyValuePair<IPEndPoint?, byte[]>(ipPeer, name));
            return this;
        }

        /// <summary>
        /// Client: create → secure (C-SEC-1, C-SEC-3) → target names (C-TGT-3) → connect. For a stream socket the target
        /// name, if given, is bound to <paramref name="remoteEndPoint"/>.
        /// </summary>
        /// <param name="remoteEndPoint">The server.</param>
        /// <returns>The connected socket.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="remoteEndPoint"/> is null.</exception>
        /// <exception cref="SecureSocketException">Securing or naming failed (C-ALL-2); the socket is closed.</exception>
        /// <exception cref="SocketException">connect failed; the socket is closed.</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        public Socket Connect(EndPoint remoteEndPoint)
        {
            if (remoteEndPoint == null)
            {
                throw new ArgumentNullException(nameof(remoteEndPoint));
            }

            IPEndPoint? ipRemote = remoteEndPoint as IPEndPoint;
            return Build("SecureSocketBuilder.Connect", socket =>
            {
                SetTargets(socket, ipRemote);
                socket.Connect(remoteEndPoint);
            });
        }

        /// <summary>
        /// Datagram client or server without connect: create → secure (C-SEC-3) → target names per peer (C-TGT-3, C-TGT-4)
        /// → bind to <paramref name="localEndPoint"/>. Send to the named peers only after this returns.
        /// </summary>
        /// <param name="localEndPoint">The local address.</param>
        /// <returns>The bound socket.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="localEndPoint"/> is null.</exception>
        /// <exception cref="InvalidOperationException">A stream builder with a target name (C-TGT-1: target names are for clients that connect).</exception>
        /// <exception cref="SecureSocketException">Securing or naming failed (C-ALL-2); the socket is closed.</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        public Socket Bind(EndPoint localEndPoint)
        {
            if (localEndPoint == null)
            {
                throw new ArgumentNullException(nameof(localEndPoint));
            }

            RequireNoStreamTarget("Bind");
            return Build("SecureSocketBuilder.Bind", socket =>
            {
                SetTargets(socket, null);
                socket.Bind(localEndPoint);
            });
        }

        /// <summary>Stream server: create → secure before bind (C-SEC-2; exclusive port, C-SEC-9) → bind → listen.</summary>
        /// <param name="localEndPoint">The local address.</param>
        /// <param name="backlog">The listen backlog, positive.</param>
        /// <returns>The listening socket; accept on it as usual.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="localEndPoint"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="backlog"/> is not positive.</exception>
        /// <exception cref="InvalidOperationException">A datagram builder, or a target name was given (C-TGT-1).</exception>
        /// <exception cref="SecureSocketException">Securing failed (C-ALL-2); the socket is closed.</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        public Socket Listen(EndPoint localEndPoint, int backlog = 128)
        {
            CheckListen(localEndPoint, backlog);
            return Build("SecureSocketBuilder.Listen", socket =>
            {
                socket.Bind(localEndPoint);
                socket.Listen(backlog);
            });
        }

        /// <summary>
        /// Stream server whose clients will be impersonated: a non-overlapped <see cref="ImpersonableListener"/>
        /// (C-IMP-2) made in the same order, create → secure (C-SEC-2) → bind → listen.
        /// </summary>
        /// <param name="localEndPoint">The local address.</param>
        /// <param name="backlog">The listen backlog, positive.</param>
        /// <returns>The listener; its Accept gives sockets for <see cref="SocketPeerImpersonation"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="localEndPoint"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="backlog"/> is not positive.</exception>
        /// <exception cref="InvalidOperationException">A datagram builder, or a target name was given (C-TGT-1).</exception>
        /// <exception cref="SecureSocketException">A Winsock call failed (C-ALL-2); nothing stays open.</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        public ImpersonableListener ListenImpersonable(IPEndPoint localEndPoint, int backlog = 128)
        {
            CheckListen(localEndPoint, backlog);
            CheckFamily(localEndPoint);
            return ImpersonableListener.Listen(localEndPoint, backlog, _settings);
        }

        /// <summary>
        /// Datagram server whose peers will be impersonated: a non-overlapped <see cref="ImpersonableSocket"/> (C-IMP-2),
        /// create → secure right away (C-SEC-3) → bind.
        /// </summary>
        /// <param name="localEndPoint">The local address.</param>
        /// <returns>The bound datagram socket.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="localEndPoint"/> is null.</exception>
        /// <exception cref="InvalidOperationException">A stream builder, or target names were given (they are for clients, C-TGT-1).</exception>
        /// <exception cref="SecureSocketException">A Winsock call failed (C-ALL-2); nothing stays open.</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        public ImpersonableSocket BindImpersonable(IPEndPoint localEndPoint)
        {
            if (localEndPoint == null)
            {
                throw new ArgumentNullException(nameof(localEndPoint));
            }

            if (_type != SocketType.Dgram)
            {
                throw new InvalidOperationException("BindImpersonable makes a datagram socket; for a stream server use ListenImpersonable.");
            }

            if (_targets.Count != 0)
            {
                throw new InvalidOperationException("C-TGT-1: peer target names are for client sockets; an impersonating server authenticates its peers through the policy.");
            }

            CheckFamily(localEndPoint);
            return ImpersonableSocket.BindDatagram(localEndPoint, _settings);
        }

        private void CheckListen(EndPoint localEndPoint, int backlog)
        {
            if (localEndPoint == null)
            {
                throw new ArgumentNullException(nameof(localEndPoint));
            }

            if (backlog <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(backlog), backlog, "The backlog must be positive.");
            }

            if (_type != SocketType.Stream)
            {
                throw new InvalidOperationException("Listen needs a stream socket; a datagram server uses Bind.");
            }

            RequireNoStreamTarget("Listen");
        }

        private void CheckFamily(IPEndPoint localEndPoint)
        {
            if (localEndPoint.AddressFamily != _family)
            {
                throw new ArgumentException("C-IMP-7: the endpoint is " + localEndPoint.AddressFamily + " but the builder makes " + _family + " sockets.", nameof(localEndPoint));
            }
        }

        private void RequireNoStreamTarget(string operation)
        {
            if (_type == SocketType.Stream && _targets.Count != 0)
            {
                throw new InvalidOperationException("C-TGT-1: a peer target name names the server a client connects to; " + operation + " makes a server socket.");
            }
        }

        private Socket Build(string operation, Action<Socket> finish)
        {
            ISecureSocketsNative native = NativeApi.Get(operation);
            Socket socket = native.CreateSocket(_family, _type, _protocol);
            try
            {
                SocketSecurity.Apply(socket, _settings);
                finish(socket);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        private void SetTargets(Socket socket, IPEndPoint? remote)
        {
            foreach (KeyValuePair<IPEndPoint?, byte[]> target in _targets)
            {
                IPEndPoint? peer = target.Key ?? remote;
                IPEndPoint? mapped = peer == null ? null : SockAddr.ToFamily(peer, _family);
                SocketSecurity.WithHandle(socket, handle => SocketSecurity.TargetCore(handle, target.Value, mapped, "socket"));
            }
        }
    }
}
