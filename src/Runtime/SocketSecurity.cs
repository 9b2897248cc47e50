using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using SecureSockets.Interop;

namespace SecureSockets
{
    /// <summary>
    /// Secures a socket (WSASetSocketSecurity) and names the peer to authenticate (WSASetSocketPeerTargetName), in the
    /// only order the contracts allow: before bind / connect. Every argument and the socket's kind and state are checked
    /// before the function is called; a refusal names the contract clause, a Winsock failure surfaces as a
    /// <see cref="SecureSocketException"/> with the WSAGetLastError code (C-ALL-2). Windows only.
    /// </summary>
    public static class SocketSecurity
    {
        private const string ApplyName = "SocketSecurity.Apply";
        private const string TargetName = "SocketSecurity.SetPeerTargetName";

        /// <summary>
        /// Turns on security for <paramref name="socket"/> with <paramref name="settings"/>, or with the default IPsec
        /// policy when it is null (C-SEC-7, C-SEC-11). Call it right after the socket is created: before connect for a
        /// client (C-SEC-1), before bind for a server (C-SEC-2), right after creation for UDP (C-SEC-3); once (C-SEC-4).
        /// </summary>
        /// <param name="socket">An unbound, unconnected AF_INET/AF_INET6 stream or datagram socket (C-SEC-5).</param>
        /// <param name="settings">The settings; null for the default policy.</param>
        /// <exception cref="ArgumentNullException"><paramref name="socket"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
        /// <exception cref="ArgumentException">Another family or type (C-SEC-5).</exception>
        /// <exception cref="InvalidOperationException">Already bound, listening or connected (C-SEC-1, C-SEC-2, C-SEC-3, C-SEC-6), or already secured (C-SEC-4).</exception>
        /// <exception cref="SecureSocketException">WSASetSocketSecurity failed (C-ALL-2).</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        [Contracts.SecuresSocket("socket")]
        public static void Apply(Socket socket, SocketSecuritySettings? settings = null)
        {
            CheckManagedSocket(socket, "C-SEC-5", nameof(socket));
            CheckManagedUnused(socket, "secure");
            WithHandle(socket, handle => ApplyCore(handle, socket, settings, nameof(socket)));
        }

        /// <summary>
        /// Turns on security for the socket <paramref name="socketHandle"/> owns (see <see cref="Apply(Socket, SocketSecuritySettings?)"/>).
        /// The socket's kind and state are read through getsockopt / getpeername / getsockname first.
        /// </summary>
        /// <param name="socketHandle">A SafeHandle that owns a socket (for example a SafeSocketHandle).</param>
        /// <param name="settings">The settings; null for the default policy (C-SEC-7).</param>
        /// <exception cref="ArgumentNullException"><paramref name="socketHandle"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The handle is closed or invalid.</exception>
        /// <exception cref="ArgumentException">Another family or type (C-SEC-5).</exception>
        /// <exception cref="InvalidOperationException">Bound, listening or connected (C-SEC-1, 2, 3, 6), or already secured (C-SEC-4).</exception>
        /// <exception cref="SecureSocketException">Not a socket (WSAENOTSOCK, C-SEC-7) or WSASetSocketSecurity failed (C-ALL-2).</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        [Contracts.SecuresSocket("socketHandle")]
        public static void Apply(SafeHandle socketHandle, SocketSecuritySettings? settings = null)
        {
            CheckSafeHandle(socketHandle, nameof(socketHandle));
            bool added = false;
            try
            {
                socketHandle.DangerousAddRef(ref added);
                ApplyCore(socketHandle.DangerousGetHandle(), socketHandle, settings, nameof(socketHandle));
            }
            finally
            {
                if (added)
                {
                    socketHandle.DangerousRelease();
                }
            }
        }

        /// <summary>
        /// Turns on security for the raw SOCKET <paramref name="socketHandle"/> (see <see cref="Apply(Socket, SocketSecuritySettings?)"/>).
        /// A repeat on a handle that was secured through its <see cref="Socket"/> or <see cref="SafeHandle"/> is refused
        /// here; a repeat through raw handles only is refused by Winsock (C-SEC-4), because a raw handle value is reused
        /// once closed and the wrapper cannot see that.
        /// </summary>
        /// <param name="socketHandle">The SOCKET value.</param>
        /// <param name="settings">The settings; null for the default policy (C-SEC-7).</param>
        /// <exception cref="ArgumentException">Zero or INVALID_SOCKET, or another family or type (C-SEC-5).</exception>
        /// <exception cref="InvalidOperationException">Bound, listening or connected (C-SEC-1, 2, 3, 6), or already secured (C-SEC-4).</exception>
        /// <exception cref="SecureSocketException">Not a socket (WSAENOTSOCK, C-SEC-7) or WSASetSocketSecurity failed (C-ALL-2).</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        [Contracts.SecuresSocket("socketHandle")]
        public static void Apply(IntPtr socketHandle, SocketSecuritySettings? settings = null)
        {
            CheckRawHandle(socketHandle, "C-SEC-7", nameof(socketHandle));
            ApplyCore(socketHandle, null, settings, nameof(socketHandle));
        }

        /// <summary>
        /// Names the peer (its SPN) that must be authenticated on a connection-oriented client socket, before connect
        /// (C-TGT-1, C-TGT-2, C-TGT-3). A datagram socket needs the per-peer overload (C-TGT-4, C-TGT-5).
        /// </summary>
        /// <param name="socket">An unconnected AF_INET/AF_INET6 stream socket (C-TGT-6).</param>
        /// <param name="targetName">The peer's target name (SPN), not empty.</param>
        /// <exception cref="ArgumentNullException">A null argument (Winsock: WSAEFAULT, C-TGT-5).</exception>
        /// <exception cref="ArgumentException">An empty name, another socket kind (C-TGT-6), or a datagram socket without a peer address (C-TGT-5).</exception>
        /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
        /// <exception cref="InvalidOperationException">The socket is connected (C-TGT-2) or listening (C-TGT-1).</exception>
        /// <exception cref="SecureSocketException">WSASetSocketPeerTargetName failed (C-ALL-2).</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        [Contracts.SetsPeerTargetName("socket")]
        public static void SetPeerTargetName(Socket socket, string targetName)
        {
            CheckManagedSocket(socket, "C-TGT-6", nameof(socket));
            byte[] name = EncodeTargetName(targetName);
            CheckManagedNotConnected(socket);
            if (socket.SocketType == SocketType.Dgram)
            {
                throw NoPeerForDatagram(nameof(socket));
            }

            WithHandle(socket, handle => TargetCore(handle, name, null, nameof(socket)));
        }

        /// <summary>
        /// Names the target (SPN) of one peer address: for a datagram socket before connect or before the first send
        /// to that peer (C-TGT-3), once per peer (C-TGT-4); also accepted for a stream client before connect.
        /// </summary>
        /// <param name="socket">An unconnected AF_INET/AF_INET6 socket (C-TGT-6).</param>
        /// <param name="targetName">The peer's target name (SPN), not empty.</param>
        /// <param name="peer">The peer's <see cref="IPEndPoint"/>; not a zero address or port (C-TGT-5).</param>
        /// <exception cref="ArgumentNullException">A null argument (C-TGT-5).</exception>
        /// <exception cref="ArgumentException">An empty name, a zero or foreign-family peer (C-TGT-5, C-TGT-6), or another socket kind (C-TGT-6).</exception>
        /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
        /// <exception cref="InvalidOperationException">The socket is connected (C-TGT-2) or listening (C-TGT-1).</exception>
        /// <exception cref="SecureSocketException">WSASetSocketPeerTargetName failed (C-ALL-2).</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        [Contracts.SetsPeerTargetName("socket")]
        public static void SetPeerTargetName(Socket socket, string targetName, EndPoint peer)
        {
            CheckManagedSocket(socket, "C-TGT-6", nameof(socket));
            byte[] name = EncodeTargetName(targetName);
            IPEndPoint ipPeer = CheckPeer(peer, socket.AddressFamily, nameof(peer));
            CheckManagedNotConnected(socket);
            WithHandle(socket, handle => TargetCore(handle, name, ipPeer, nameof(socket)));
        }

        /// <summary>Names the peer of a stream client socket owned by a SafeHandle (see <see cref="SetPeerTargetName(Socket, string)"/>).</summary>
        /// <param name="socketHandle">A SafeHandle that owns the socket.</param>
        /// <param name="targetName">The peer's target name (SPN), not empty.</param>
        /// <exception cref="ArgumentNullException">A null argument (C-TGT-5).</exception>
        /// <exception cref="ArgumentException">An empty name, another kind (C-TGT-6), or a datagram socket (C-TGT-5).</exception>
        /// <exception cref="ObjectDisposedException">The handle is closed.</exception>
        /// <exception cref="InvalidOperationException">Connected (C-TGT-2) or listening (C-TGT-1).</exception>
        /// <exception cref="SecureSocketException">Not a socket, or WSASetSocketPeerTargetName failed (C-ALL-2).</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        [Contracts.SetsPeerTargetName("socketHandle")]
        public static void SetPeerTargetName(SafeHandle socketHandle, string targetName) =>
            SafeHandleTarget(socketHandle, targetName, null, peerGiven: false);

        /// <summary>Names the target of one peer on a socket owned by a SafeHandle (see <see cref="SetPeerTargetName(Socket, string, EndPoint)"/>).</summary>
        /// <param name="socketHandle">A SafeHandle that owns the socket.</param>
        /// <param name="targetName">The peer's target name (SPN), not empty.</param>
        /// <param name="peer">The peer's <see cref="IPEndPoint"/> (C-TGT-5).</param>
        /// <exception cref="ArgumentNullException">A null argument (C-TGT-5).</exception>
        /// <exception cref="ArgumentException">An empty name, a bad peer (C-TGT-5, 6), or another kind (C-TGT-6).</exception>
        /// <exception cref="ObjectDisposedException">The handle is closed.</exception>
        /// <exception cref="InvalidOperationException">Connected (C-TGT-2) or listening (C-TGT-1).</exception>
        /// <exception cref="SecureSocketException">Not a socket, or WSASetSocketPeerTargetName failed (C-ALL-2).</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        [Contracts.SetsPeerTargetName("socketHandle")]
        public static void SetPeerTargetName(SafeHandle socketHandle, string targetName, EndPoint peer) =>
            SafeHandleTarget(socketHandle, targetName, peer, peerGiven: true);

        /// <summary>Names the peer of a raw stream client SOCKET (see <see cref="SetPeerTargetName(Socket, string)"/>).</summary>
        /// <param name="socketHandle">The SOCKET value.</param>
        /// <param name="targetName">The peer's target name (SPN), not empty.</param>
        /// <exception cref="ArgumentNullException">A null name (C-TGT-5).</exception>
        /// <exception cref="ArgumentException">An invalid handle, empty name, another kind (C-TGT-6), or a datagram socket (C-TGT-5).</exception>
        /// <exception cref="InvalidOperationException">Connected (C-TGT-2) or listening (C-TGT-1).</exception>
        /// <exception cref="SecureSocketException">Not a socket, or WSASetSocketPeerTargetName failed (C-ALL-2).</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        [Contracts.SetsPeerTargetName("socketHandle")]
        public static void SetPeerTargetName(IntPtr socketHandle, string targetName)
        {
            CheckRawHandle(socketHandle, "C-TGT-6", nameof(socketHandle));
            byte[] name = EncodeTargetName(targetName);
            TargetCore(socketHandle, name, null, nameof(socketHandle));
        }

        /// <summary>Names the target of one peer on a raw SOCKET (see <see cref="SetPeerTargetName(Socket, string, EndPoint)"/>).</summary>
        /// <param name="socketHandle">The SOCKET value.</param>
        /// <param name="targetName">The peer's target name (SPN), not empty.</param>
        /// <param name="peer">The peer's <see cref="IPEndPoint"/> (C-TGT-5).</param>
        /// <exception cref="ArgumentNullException">A null argument (C-TGT-5).</exception>
        /// <exception cref="ArgumentException">An invalid handle, empty name, a bad peer (C-TGT-5, 6), or another kind (C-TGT-6).</exception>
        /// <exception cref="InvalidOperationException">Connected (C-TGT-2) or listening (C-TGT-1).</exception>
        /// <exception cref="SecureSocketException">Not a socket, or WSASetSocketPeerTargetName failed (C-ALL-2).</exception>
        /// <exception cref="PlatformNotSupportedException">Not Windows.</exception>
        [Contracts.SetsPeerTargetName("socketHandle")]
        public static void SetPeerTargetName(IntPtr socketHandle, string targetName, EndPoint peer)
        {
            CheckRawHandle(socketHandle, "C-TGT-6", nameof(socketHandle));
            byte[] name = EncodeTargetName(targetName);
            IPEndPoint ipPeer = CheckPeer(peer, null, nameof(peer));
            TargetCore(socketHandle, name, ipPeer, nameof(socketHandle));
        }

        internal static void ApplyCore(IntPtr handle, object? owner, SocketSecuritySettings? settings, string paramName)
        {
            byte[]? buffer = settings?.ToNative();
            try
            {
                ISecureSocketsNative native = NativeApi.Get(ApplyName);
                lock (SecuredSocketRegistry.Lock)
                {
                    if (SecuredSocketRegistry.IsSecured(handle))
                    {
                        throw new InvalidOperationException(
                            "C-SEC-4: security was already applied to this socket; WSASetSocketSecurity may be called only once per socket. No call was made.");
                    }

                    SocketFacts facts = SocketProbe.Probe(native, handle, "C-SEC-5", "C-SEC-7", paramName);
                    CheckUnused(facts, "secure");
                    int result = native.WSASetSocketSecurity(handle, buffer, buffer == null ? 0u : (uint)buffer.Length);
                    if (result != 0)
                    {
                        int error = native.WSAGetLastError();
                        throw Errors.Winsock(error, "WSASetSocketSecurity", SecurityClause(error), "The socket is NOT secured; do not use it for traffic that needs protection.");
                    }

                    SecuredSocketRegistry.MarkSecured(handle, owner);
                }
            }
            finally
            {
                if (buffer != null)
                {
                    Array.Clear(buffer, 0, buffer.Length);
                }
            }
        }

        internal static void TargetCore(IntPtr handle, byte[] name, IPEndPoint? peer, string paramName)
        {
            ISecureSocketsNative native = NativeApi.Get(TargetName);
            SocketFacts facts = SocketProbe.Probe(native, handle, "C-TGT-6", "C-TGT-6", paramName);
            if (facts.Connected)
            {
                throw new InvalidOperationException(
                    "C-TGT-2: the socket is already connected; a peer target name must be set before connect (C-TGT-3). No call was made.");
            }

            if (facts.Listening)
            {
                throw new InvalidOperationException(
                    "C-TGT-1: the socket is listening; a peer target name is for the client side, set before connect. No call was made.");
            }

            if (peer == null && !facts.IsStream)
            {
                throw NoPeerForDatagram(paramName);
            }

            IPEndPoint? mapped = null;
            if (peer != null)
            {
                mapped = SockAddr.ToFamily(peer, facts.AddressFamily)
                    ?? throw new ArgumentException("C-TGT-6: the peer address is " + peer.AddressFamily + " but the socket is " + facts.AddressFamily + ". No call was made.", nameof(peer));
            }

            byte[] buffer = EncodePeerTargetName(name, mapped);
            if (native.WSASetSocketPeerTargetName(handle, buffer, (uint)buffer.Length) != 0)
            {
                int error = native.WSAGetLastError();
                throw Errors.Winsock(error, "WSASetSocketPeerTargetName", TargetClause(error), "The peer target name is NOT set; the peer would not be authenticated by name (C-TGT-1).");
            }
        }

        internal static byte[] EncodePeerTargetName(byte[] name, IPEndPoint? peer)
        {
            var buffer = new byte[NativeConstants.PeerTargetNameSize + name.Length];
            SockAddr.WriteUInt32(buffer, 0, (uint)SocketSecurityProtocol.Default);
            if (peer != null)
            {
                byte[] address = SockAddr.Encode(peer);
                Buffer.BlockCopy(address, 0, buffer, NativeConstants.PeerTargetNameAddressOffset, address.Length);
            }

            SockAddr.WriteUInt32(buffer, NativeConstants.PeerTargetNameLengthOffset, (uint)name.Length);
            Buffer.BlockCopy(name, 0, buffer, NativeConstants.PeerTargetNameStringsOffset, name.Length);
            return buffer;
        }

        internal static byte[] EncodeTargetName(string targetName)
        {
            if (targetName == null)
            {
                throw new ArgumentNullException(nameof(targetName), "C-TGT-5: a peer target name is required (Winsock answers a NULL one with WSAEFAULT). No call was made.");
            }

            if (targetName.Length == 0 || targetName.IndexOf('\0') >= 0)
            {
                throw new ArgumentException("C-TGT-5: the peer target name must be a non-empty SPN without NUL characters. No call was made.", nameof(targetName));
            }

            return Encoding.Unicode.GetBytes(targetName);
        }

        internal static IPEndPoint CheckPeer(EndPoint peer, AddressFamily? socketFamily, string paramName)
        {
            if (peer == null)
            {
                throw new ArgumentNullException(paramName, "C-TGT-5: the per-peer form needs the peer's address. No call was made.");
            }

            if (!(peer is IPEndPoint ipPeer))
            {
                throw new ArgumentException("C-TGT-6: the peer must be an IPEndPoint (AF_INET or AF_INET6), not " + peer.GetType().Name + ". No call was made.", paramName);
            }

            if (ipPeer.Port == 0 || ipPeer.Address.Equals(IPAddress.Any) || ipPeer.Address.Equals(IPAddress.IPv6Any))
            {
                throw new ArgumentException("C-TGT-5: the peer address must name one peer; a zero IP address or port is refused (WSAEINVAL). No call was made.", paramName);
            }

            if (socketFamily.HasValue && SockAddr.ToFamily(ipPeer, socketFamily.Value) == null)
            {
                throw new ArgumentException("C-TGT-6: the peer address is " + ipPeer.AddressFamily + " but the socket is " + socketFamily.Value + ". No call was made.", paramName);
            }

            return ipPeer;
        }

        internal static void CheckManagedSocket(Socket socket, string kindClause, string paramName)
        {
            if (socket == null)
            {
                throw new ArgumentNullException(paramName);
            }

            if (SocketProbe.IsDisposed(socket))
            {
                throw Errors.Disposed(nameof(Socket), kindClause);
            }

            SocketProbe.CheckManagedKind(socket, kindClause, paramName);
        }

        internal static void CheckSafeHandle(SafeHandle socketHandle, string paramName)
        {
            if (socketHandle == null)
            {
                throw new ArgumentNullException(paramName);
            }

            if (socketHandle.IsClosed || socketHandle.IsInvalid)
            {
                throw Errors.Disposed(socketHandle.GetType().Name, "C-SEC-7");
            }
        }

        internal static void CheckRawHandle(IntPtr socketHandle, string clause, string paramName)
        {
            if (socketHandle == IntPtr.Zero || socketHandle == NativeConstants.INVALID_SOCKET)
            {
                throw new ArgumentException(clause + ": " + (socketHandle == IntPtr.Zero ? "0" : "INVALID_SOCKET") + " is not a socket (Winsock: WSAENOTSOCK). No call was made.", paramName);
            }
        }

        /// <summary>
        /// Runs <paramref name="action"/> with the socket's handle kept open (net8.0: AddRef on its SafeHandle, without
        /// touching <see cref="Socket.Handle"/>, which makes .NET stop trusting its cached socket state).
        /// </summary>
        internal static void WithHandle(Socket socket, Action<IntPtr> action)
        {
#if NET
            SafeHandle safeHandle = socket.SafeHandle;
            bool added = false;
            try
            {
                safeHandle.DangerousAddRef(ref added);
                action(safeHandle.DangerousGetHandle());
            }
            finally
            {
                if (added)
                {
                    safeHandle.DangerousRelease();
                }
            }
#else
            action(socket.Handle);
#endif
        }

        private static void SafeHandleTarget(SafeHandle socketHandle, string targetName, EndPoint? peer, bool peerGiven)
        {
            CheckSafeHandle(socketHandle, nameof(socketHandle));
            byte[] name = EncodeTargetName(targetName);
            IPEndPoint? ipPeer = peerGiven ? CheckPeer(peer!, null, nameof(peer)) : null;
            bool added = false;
            try
            {
                socketHandle.DangerousAddRef(ref added);
                TargetCore(socketHandle.DangerousGetHandle(), name, ipPeer, nameof(socketHandle));
            }
            finally
            {
                if (added)
                {
                    socketHandle.DangerousRelease();
                }
            }
        }

        private static void CheckManagedUnused(Socket socket, string what)
        {
            if (socket.Connected)
            {
                throw new InvalidOperationException(
                    "C-SEC-6: the socket is already connected; security must be applied before connect (C-SEC-1). No call was made.");
            }

            if (socket.IsBound)
            {
                throw new InvalidOperationException(
                    (socket.SocketType == SocketType.Stream
                        ? "C-SEC-2: the socket is already bound or listening; a server must " + what + " it before bind"
                        : "C-SEC-3: the datagram socket is already bound (bind or a first send binds it); it must be secured right after it is created")
                    + ". No call was made.");
            }
        }

        private static void CheckManagedNotConnected(Socket socket)
        {
            if (socket.Connected)
            {
                throw new InvalidOperationException(
                    "C-TGT-2: the socket is already connected; a peer target name must be set before connect (C-TGT-3). No call was made.");
            }
        }

        private static void CheckUnused(SocketFacts facts, string what)
        {
            if (facts.Connected)
            {
                throw new InvalidOperationException(
                    "C-SEC-6: the socket is already connected; security must be applied before connect (C-SEC-1). No call was made.");
            }

            if (facts.Listening)
            {
                throw new InvalidOperationException(
                    "C-SEC-2: the socket is already listening; a server must " + what + " it before bind. No call was made.");
            }

            if (facts.Bound)
            {
                throw new InvalidOperationException(
                    (facts.IsStream
                        ? "C-SEC-2: the socket is already bound; a server must " + what + " it before bind"
                        : "C-SEC-3: the datagram socket is already bound (bind or a first send binds it); it must be secured right after it is created")
                    + ". No call was made.");
            }
        }

        private static ArgumentException NoPeerForDatagram(string paramName) =>
            new ArgumentException(
                "C-TGT-5: a datagram socket names one target per peer (C-TGT-4); use the overload that takes the peer's EndPoint (a zero address is refused with WSAEINVAL). No call was made.",
                paramName);

        private static string SecurityClause(int error)
        {
            switch (error)
            {
                case NativeConstants.WSAEISCONN: return "C-SEC-6";
                case NativeConstants.WSAEAFNOSUPPORT: return "C-SEC-5";
                case NativeConstants.WSAEINVAL: return "C-SEC-7 (or C-SEC-2, C-SEC-3, C-SEC-4, C-SEC-5)";
                case NativeConstants.WSAEMSGSIZE:
                case NativeConstants.WSAENOTSOCK: return "C-SEC-7";
                default: return "C-ALL-2";
            }
        }

        private static string TargetClause(int error)
        {
            switch (error)
            {
                case NativeConstants.WSAEISCONN: return "C-TGT-2";
                case NativeConstants.WSAEFAULT: return "C-TGT-5";
                case NativeConstants.WSAEINVAL: return "C-TGT-5 (or C-TGT-6)";
                case NativeConstants.WSAEAFNOSUPPORT:
                case NativeConstants.WSAEMSGSIZE: return "C-TGT-6";
                default: return "C-ALL-2";
            }
        }
    }
}
