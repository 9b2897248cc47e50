using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SecureSockets.Interop;

namespace SecureSockets.Runtime.Tests.Simulator
{
    /// <summary>One seam call as the simulator saw it.</summary>
    internal sealed record NativeCall(string Api, IntPtr Socket, int ThreadId, int Result, int Error);

    /// <summary>
    /// A model of the documented behaviour of the Winsock Secure Socket Extensions and SSPI impersonation, clause by
    /// clause (CONTRACTS.md). It keeps per-socket state (family, type, overlapped, bound, listening, connected, secured,
    /// target names, peers), per-thread impersonation, SSPI contexts and tokens; it returns the documented error codes,
    /// logs every call, and records a <see cref="Violations"/> entry whenever a call breaks an ordering clause.
    /// Where a page states that a call must not be made but not which code it then gives, the simulator answers with
    /// the code named in the comment ("assumed"). Failures can be injected per call through <see cref="Inject"/>.
    /// </summary>
    internal sealed class ContractSimulator : ISecureSocketsNative
    {
        internal const int WSAEWOULDBLOCK = 10035;
        internal const int WSAENOPROTOOPT = 10042;
        internal const int WSAEOPNOTSUPP = 10045;
        internal const int ERROR_INVALID_HANDLE = 6;
        internal static readonly IntPtr CurrentThreadPseudoHandle = new IntPtr(-2);

        private readonly object _gate = new object();
        private readonly Dictionary<IntPtr, SimSocket> _sockets = new Dictionary<IntPtr, SimSocket>();
        private readonly Stack<IntPtr> _freeHandles = new Stack<IntPtr>();
        private readonly ConcurrentDictionary<int, string> _threadIdentity = new ConcurrentDictionary<int, string>();
        private readonly ConcurrentDictionary<int, int> _lastError = new ConcurrentDictionary<int, int>();
        private readonly ConcurrentDictionary<int, int> _lastWin32Error = new ConcurrentDictionary<int, int>();
        private readonly Dictionary<SspiContextHandle, SimContext> _contexts = new Dictionary<SspiContextHandle, SimContext>();
        private readonly Dictionary<IntPtr, string> _openTokens = new Dictionary<IntPtr, string>();
        private readonly List<NativeCall> _log = new List<NativeCall>();
        private readonly List<string> _violations = new List<string>();
        private readonly AsyncLocal<string?> _flowIdentity;
        private long _nextHandle = 0x10000;
        private long _nextToken = 0x900000;
        private long _nextContext = 0x500;
        private int _nextPort = 50000;

        public ContractSimulator()
        {
            // The way WindowsIdentity.RunImpersonatedAsync works: an AsyncLocal whose change notification sets or
            // clears the token of whichever thread the flow is running on.
            _flowIdentity = new AsyncLocal<string?>(args =>
            {
                int thread = Environment.CurrentManagedThreadId;
                if (args.CurrentValue != null)
                {
                    _threadIdentity[thread] = args.CurrentValue;
                }
                else
                {
                    _threadIdentity.TryRemove(thread, out _);
                }
            });
        }

        /// <summary>api → error code to fail that call with (Winsock error, SECURITY_STATUS, or Win32 error), or null.</summary>
        public Func<string, int?>? Inject { get; set; }

        public bool Started { get; private set; }

        /// <summary>The managed sockets <see cref="CreateSocket"/> made, in order.</summary>
        public List<Socket> ManagedSockets { get; } = new List<Socket>();

        public bool SupportsAsyncImpersonation { get; set; } = true;

        public IReadOnlyList<NativeCall> Log
        {
            get
            {
                lock (_gate)
                {
                    return _log.ToList();
                }
            }
        }

        public IReadOnlyList<string> Violations
        {
            get
            {
                lock (_gate)
                {
                    return _violations.ToList();
                }
            }
        }

        /// <summary>Calls other than the state queries (getsockopt, getpeername, getsockname, WSAGetLastError, ...).</summary>
        public IReadOnlyList<NativeCall> Actions =>
            Log.Where(c => c.Api is not ("getsockopt" or "getpeername" or "getsockname" or "WSAGetLastError" or "GetLastWin32Error" or "GetCurrentThread")).ToList();

        public int OpenTokenCount
        {
            get
            {
                lock (_gate)
                {
                    return _openTokens.Count;
                }
            }
        }

        public string? IdentityOf(int managedThreadId) => _threadIdentity.TryGetValue(managedThreadId, out string? identity) ? identity : null;

        public string? CurrentIdentity => IdentityOf(Environment.CurrentManagedThreadId);

        public IReadOnlyDictionary<int, string> ImpersonatedThreads => new Dictionary<int, string>(_threadIdentity);

        public SimSocket this[IntPtr handle]
        {
            get
            {
                lock (_gate)
                {
                    return _sockets[handle];
                }
            }
        }

        // ---- test set-up helpers -------------------------------------------------------------------------------

        /// <summary>Makes a raw socket directly (as if socket()/WSASocket had returned it).</summary>
        public IntPtr NewSocket(int family = NativeConstants.AF_INET, int type = NativeConstants.SOCK_STREAM, bool overlapped = true, int protocol = 0)
        {
            lock (_gate)
            {
                return AddSocket(family, type, protocol == 0 ? DefaultProtocol(type) : protocol, overlapped).Handle;
            }
        }

        /// <summary>Makes the simulator answer for a real managed socket (its state is read from the Socket).</summary>
        public Socket Adopt(Socket socket)
        {
            lock (_gate)
            {
                var sim = new SimSocket(socket.Handle, (int)socket.AddressFamily, (int)socket.SocketType, (int)socket.ProtocolType, overlapped: true) { Managed = socket };
                _sockets[socket.Handle] = sim;
                return socket;
            }
        }

        public SspiContextHandle AddServerContext(string identity, bool packageSupportsImpersonation = true, bool schannelWithoutMutualAuth = false, bool identificationOnly = false)
        {
            lock (_gate)
            {
                var handle = new SspiContextHandle(new IntPtr(_nextContext++), new IntPtr(0x7000));
                _contexts[handle] = new SimContext(identity, serverSide: true, packageSupportsImpersonation, schannelWithoutMutualAuth, identificationOnly);
                return handle;
            }
        }

        public SspiContextHandle AddClientContext(string identity)
        {
            lock (_gate)
            {
                var handle = new SspiContextHandle(new IntPtr(_nextContext++), new IntPtr(0x7001));
                _contexts[handle] = new SimContext(identity, serverSide: false, true, false, false);
                return handle;
            }
        }

        public void DeleteContext(SspiContextHandle handle)
        {
            lock (_gate)
            {
                _contexts.Remove(handle);
            }
        }

        /// <summary>A client with <paramref name="identity"/> connects to the listening <paramref name="listener"/>.</summary>
        public void EnqueueConnection(IntPtr listener, IPEndPoint peer, string identity)
        {
            lock (_gate)
            {
                _sockets[listener].PendingConnections.Enqueue((peer, identity));
            }
        }

        /// <summary>A datagram from <paramref name="peer"/> (authenticated as <paramref name="identity"/>) arrives.</summary>
        public void EnqueueDatagram(IntPtr socket, IPEndPoint peer, string identity, byte[] data)
        {
            lock (_gate)
            {
                _sockets[socket].Datagrams.Enqueue((peer, identity, data));
            }
        }

        public void SetState(IntPtr handle, bool? bound = null, bool? listening = null, bool? connected = null, bool? nonBlocking = null)
        {
            lock (_gate)
            {
                SimSocket s = _sockets[handle];
                if (bound.HasValue)
                {
                    s.Bound = bound.Value;
                    s.Local ??= new IPEndPoint(IPAddress.Loopback, _nextPort++);
                }

                if (listening.HasValue)
                {
                    s.Listening = listening.Value;
                }

                if (connected.HasValue)
                {
                    s.Connected = connected.Value;
                    s.Remote ??= new IPEndPoint(IPAddress.Parse("192.0.2.1"), 443);
                }

                if (nonBlocking.HasValue)
                {
                    s.NonBlocking = nonBlocking.Value;
                }
            }
        }

        /// <summary>Sets the thread's token directly (as a thread impersonating by other means would have).</summary>
        public void SetThreadIdentity(int managedThreadId, string? identity)
        {
            if (identity == null)
            {
                _threadIdentity.TryRemove(managedThreadId, out _);
            }
            else
            {
                _threadIdentity[managedThreadId] = identity;
            }
        }

        // ---- ISecureSocketsNative -----------------------------------------------------------------------------

        public int WSAStartup()
        {
            lock (_gate)
            {
                if (Injected("WSAStartup") is int error)
                {
                    return Record("WSAStartup", IntPtr.Zero, error, error);
                }

                Started = true;
                return Record("WSAStartup", IntPtr.Zero, 0, 0);
            }
        }

        public Socket CreateSocket(AddressFamily family, SocketType type, ProtocolType protocol)
        {
            var socket = new Socket(family, type, protocol);
            Adopt(socket);
            lock (_gate)
            {
                ManagedSockets.Add(socket);
                Record("socket", socket.Handle, 0, 0);
            }

            return socket;
        }

        public IntPtr WSASocketW(int addressFamily, int type, int protocol, uint flags)
        {
            lock (_gate)
            {
                if (!Started)
                {
                    return FailHandle("WSASocketW", IntPtr.Zero, NativeConstants.WSANOTINITIALISED);
                }

                if (Injected("WSASocketW") is int error)
                {
                    return FailHandle("WSASocketW", IntPtr.Zero, error);
                }

                SimSocket s = AddSocket(addressFamily, type, protocol == 0 ? DefaultProtocol(type) : protocol, (flags & NativeConstants.WSA_FLAG_OVERLAPPED) != 0);
                Record("WSASocketW", s.Handle, 0, 0);
                return s.Handle;
            }
        }

        public int WSASetSocketSecurity(IntPtr socket, byte[]? settings, uint settingsLength)
        {
            const string api = "WSASetSocketSecurity";
            lock (_gate)
            {
                if (!Enter(api, socket, out SimSocket? s, out int refused))
                {
                    return refused;
                }

                if (KindError(s) is int kind)
                {
                    return Fail(api, socket, kind); // C-SEC-5
                }

                if (s.IsConnected)
                {
                    Violation("C-SEC-1/C-SEC-6: WSASetSocketSecurity on a connected socket " + Hex(socket));
                    return Fail(api, socket, NativeConstants.WSAEISCONN); // C-SEC-6
                }

                if (s.IsBound)
                {
                    Violation((s.Type == NativeConstants.SOCK_STREAM ? "C-SEC-2" : "C-SEC-3") + ": WSASetSocketSecurity after bind on " + Hex(socket));
                    return Fail(api, socket, NativeConstants.WSAEINVAL); // C-SEC-2/3: "it fails" (code assumed)
                }

                if (s.SecureCount > 0)
                {
                    Violation("C-SEC-4: second WSASetSocketSecurity on " + Hex(socket));
                    return Fail(api, socket, NativeConstants.WSAEINVAL); // C-SEC-4 (code assumed)
                }

                if (settings != null)
                {
                    if (settingsLength > settings.Length)
                    {
                        Violation("C-SEC-7: SecuritySettingsLen " + settingsLength + " is larger than the buffer (" + settings.Length + ")");
                        return Fail(api, socket, NativeConstants.WSAEFAULT);
                    }

                    if (settingsLength < NativeConstants.SecuritySettingsSize)
                    {
                        return Fail(api, socket, NativeConstants.WSAEMSGSIZE); // C-SEC-7
                    }

                    uint protocol = SockAddr.ReadUInt32(settings, 0);
                    uint flags = SockAddr.ReadUInt32(settings, 4);
                    if (protocol > 2 || (flags & ~3u) != 0)
                    {
                        return Fail(api, socket, NativeConstants.WSAEINVAL); // C-SEC-7
                    }

                    if (settingsLength > NativeConstants.SecuritySettingsSize)
                    {
                        // A SOCKET_SECURITY_SETTINGS_IPSEC.
                        if (settingsLength < NativeConstants.IpsecSettingsSize)
                        {
                            return Fail(api, socket, NativeConstants.WSAEMSGSIZE); // C-SEC-7
                        }

                        if (protocol != (uint)SocketSecurityProtocol.IPsec)
                        {
                            Violation("C-SEC-8: SOCKET_SECURITY_SETTINGS_IPSEC with SecurityProtocol " + protocol);
                            return Fail(api, socket, NativeConstants.WSAEINVAL); // C-SEC-8 (code assumed, C-SEC-7's)
                        }

                        long strings = (long)SockAddr.ReadUInt32(settings, 72) + SockAddr.ReadUInt32(settings, 76) + SockAddr.ReadUInt32(settings, 80);
                        if (NativeConstants.IpsecSettingsStringsOffset + strings > settingsLength)
                        {
                            return Fail(api, socket, NativeConstants.WSAEMSGSIZE); // C-SEC-7
                        }
                    }
                }

                s.SecureCount++;
                s.Settings = settings == null ? null : settings.Take((int)settingsLength).ToArray();
                s.ExclusiveAddressUse = true; // C-SEC-9: set internally
                return Record(api, socket, 0, 0);
            }
        }

        public int WSASetSocketPeerTargetName(IntPtr socket, byte[]? peerTargetName, uint peerTargetNameLength)
        {
            const string api = "WSASetSocketPeerTargetName";
            lock (_gate)
            {
                if (!Enter(api, socket, out SimSocket? s, out int refused))
                {
                    return refused;
                }

                if (peerTargetName == null)
                {
                    return Fail(api, socket, NativeConstants.WSAEFAULT); // C-TGT-5
                }

                if (KindError(s) is int kind)
                {
                    return Fail(api, socket, kind); // C-TGT-6
                }

                if (s.IsConnected)
                {
                    Violation("C-TGT-2: WSASetSocketPeerTargetName on a connected socket " + Hex(socket));
                    return Fail(api, socket, NativeConstants.WSAEISCONN); // C-TGT-2
                }

                if (s.Listening)
                {
                    Violation("C-TGT-1: WSASetSocketPeerTargetName on a listening socket " + Hex(socket));
                    return Fail(api, socket, NativeConstants.WSAEINVAL); // code assumed
                }

                if (peerTargetNameLength > peerTargetName.Length)
                {
                    Violation("C-TGT-6: PeerTargetNameLen larger than the buffer");
                    return Fail(api, socket, NativeConstants.WSAEFAULT);
                }

                if (peerTargetNameLength < NativeConstants.PeerTargetNameSize)
                {
                    return Fail(api, socket, NativeConstants.WSAEMSGSIZE); // C-TGT-6
                }

                uint nameLength = SockAddr.ReadUInt32(peerTargetName, NativeConstants.PeerTargetNameLengthOffset);
                if (NativeConstants.PeerTargetNameStringsOffset + (long)nameLength > peerTargetNameLength)
                {
                    return Fail(api, socket, NativeConstants.WSAEMSGSIZE); // C-TGT-6
                }

                string name = Encoding.Unicode.GetString(peerTargetName, NativeConstants.PeerTargetNameStringsOffset, (int)nameLength);
                byte[] address = peerTargetName.Skip(NativeConstants.PeerTargetNameAddressOffset).Take(NativeConstants.SockAddrStorageSize).ToArray();
                IPEndPoint? peer = SockAddr.Decode(address, address.Length);
                if (s.Type == NativeConstants.SOCK_DGRAM)
                {
                    if (peer == null || (peer.Port == 0 && (peer.Address.Equals(IPAddress.Any) || peer.Address.Equals(IPAddress.IPv6Any))))
                    {
                        return Fail(api, socket, NativeConstants.WSAEINVAL); // C-TGT-5
                    }

                    if (s.SentTo.Contains(peer))
                    {
                        Violation("C-TGT-3: target name for " + peer + " after a send to it on " + Hex(socket));
                        return Fail(api, socket, NativeConstants.WSAEINVAL); // code assumed
                    }

                    s.Targets[peer] = name; // C-TGT-4: one per peer, several per socket
                }
                else
                {
                    s.StreamTarget = name;
                    s.StreamTargetAddress = peer;
                }

                return Record(api, socket, 0, 0);
            }
        }

        public int WSAImpersonateSocketPeer(IntPtr socket, byte[]? peerAddress, uint peerAddressLength)
        {
            const string api = "WSAImpersonateSocketPeer";
            lock (_gate)
            {
                if (!Enter(api, socket, out SimSocket? s, out int refused))
                {
                    return refused;
                }

                if (peerAddress == null)
                {
                    return Fail(api, socket, NativeConstants.WSAEFAULT); // C-IMP-5
                }

                if (KindError(s) is int kind)
                {
                    return Fail(api, socket, kind); // C-IMP-7
                }

                int needed = s.Family == NativeConstants.AF_INET ? SockAddr.IPv4Size : SockAddr.IPv6Size;
                if (peerAddressLength < needed || peerAddressLength > peerAddress.Length)
                {
                    return Fail(api, socket, NativeConstants.WSAEMSGSIZE); // C-IMP-7
                }

                if (s.Overlapped || s.NonBlocking)
                {
                    Violation("C-IMP-2: WSAImpersonateSocketPeer on an " + (s.Overlapped ? "overlapped" : "non-blocking") + " socket " + Hex(socket));
                    return Fail(api, socket, NativeConstants.WSAEINVAL); // code assumed
                }

                string identity;
                if (s.Type == NativeConstants.SOCK_STREAM)
                {
                    if (!s.IsConnected)
                    {
                        Violation("C-IMP-3: WSAImpersonateSocketPeer before the connection exists on " + Hex(socket));
                        return Fail(api, socket, NativeConstants.WSAENOTCONN); // code assumed
                    }

                    identity = s.PeerIdentity ?? "computer:" + s.Remote;
                }
                else
                {
                    IPEndPoint? peer = SockAddr.Decode(peerAddress, (int)peerAddressLength);
                    if (peer == null || !s.ReceivedFrom.Contains(peer))
                    {
                        Violation("C-IMP-4: WSAImpersonateSocketPeer for " + peer + ", which nothing was received from, on " + Hex(socket));
                        return Fail(api, socket, NativeConstants.WSAEINVAL); // code assumed
                    }

                    identity = s.PeerIdentities[peer];
                }

                _threadIdentity[Environment.CurrentManagedThreadId] = identity; // C-IMP-6: may repeat
                return Record(api, socket, 0, 0);
            }
        }

        public int WSARevertImpersonation()
        {
            const string api = "WSARevertImpersonation";
            lock (_gate)
            {
                if (Injected(api) is int injected)
                {
                    return Fail(api, IntPtr.Zero, injected);
                }

                _threadIdentity.TryRemove(Environment.CurrentManagedThreadId, out _); // C-IMP-1
                return Record(api, IntPtr.Zero, 0, 0);
            }
        }

        public int Bind(IntPtr socket, byte[] address, int addressLength)
        {
            lock (_gate)
            {
                if (!TryGet(socket, out SimSocket? s) || s.Managed != null)
                {
                    return Fail("bind", socket, NativeConstants.WSAENOTSOCK);
                }

                if (Injected("bind") is int injected)
                {
                    return Fail("bind", socket, injected);
                }

                IPEndPoint? local = SockAddr.Decode(address, addressLength);
                if (s.Bound || local == null || (int)local.AddressFamily != s.Family)
                {
                    return Fail("bind", socket, NativeConstants.WSAEINVAL);
                }

                s.Bound = true;
                s.Local = local.Port == 0 ? new IPEndPoint(local.Address, _nextPort++) : local;
                return Record("bind", socket, 0, 0);
            }
        }

        public int Listen(IntPtr socket, int backlog)
        {
            lock (_gate)
            {
                if (!TryGet(socket, out SimSocket? s) || s.Managed != null)
                {
                    return Fail("listen", socket, NativeConstants.WSAENOTSOCK);
                }

                if (Injected("listen") is int injected)
                {
                    return Fail("listen", socket, injected);
                }

                if (s.Type != NativeConstants.SOCK_STREAM)
                {
                    return Fail("listen", socket, WSAEOPNOTSUPP);
                }

                if (!s.Bound || s.Connected)
                {
                    return Fail("listen", socket, NativeConstants.WSAEINVAL);
                }

                s.Listening = true;
                return Record("listen", socket, 0, 0);
            }
        }

        public IntPtr Accept(IntPtr socket, byte[] address, ref int addressLength)
        {
            lock (_gate)
            {
                if (!TryGet(socket, out SimSocket? s) || s.Managed != null)
                {
                    return FailHandle("accept", socket, NativeConstants.WSAENOTSOCK);
                }

                if (Injected("accept") is int injected)
                {
                    return FailHandle("accept", socket, injected);
                }

                if (!s.Listening)
                {
                    return FailHandle("accept", socket, NativeConstants.WSAEINVAL);
                }

                if (s.PendingConnections.Count == 0)
                {
                    return FailHandle("accept", socket, WSAEWOULDBLOCK); // a real blocking accept would wait
                }

                (IPEndPoint peer, string identity) = s.PendingConnections.Dequeue();
                SimSocket accepted = AddSocket(s.Family, s.Type, s.Protocol, s.Overlapped); // inherits the listener's attributes
                accepted.Bound = true;
                accepted.Connected = true;
                accepted.Accepted = true;
                accepted.Local = s.Local;
                accepted.Remote = peer;
                accepted.PeerIdentity = identity;
                byte[] encoded = SockAddr.Encode(peer);
                Array.Copy(encoded, address, encoded.Length);
                addressLength = encoded.Length;
                Record("accept", socket, 0, 0);
                return accepted.Handle;
            }
        }

        public int Connect(IntPtr socket, byte[] address, int addressLength)
        {
            lock (_gate)
            {
                if (!TryGet(socket, out SimSocket? s) || s.Managed != null)
                {
                    return Fail("connect", socket, NativeConstants.WSAENOTSOCK);
                }

                if (Injected("connect") is int injected)
                {
                    return Fail("connect", socket, injected);
                }

                if (s.Connected)
                {
                    return Fail("connect", socket, NativeConstants.WSAEISCONN);
                }

                if (s.Listening)
                {
                    return Fail("connect", socket, NativeConstants.WSAEINVAL);
                }

                s.Connected = true;
                s.Bound = true;
                s.Local ??= new IPEndPoint(IPAddress.Loopback, _nextPort++);
                s.Remote = SockAddr.Decode(address, addressLength);
                return Record("connect", socket, 0, 0);
            }
        }

        public int Send(IntPtr socket, byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                if (!Enter("send", socket, out SimSocket? s, out int refused))
                {
                    return refused;
                }

                if (!s.IsConnected)
                {
                    return Fail("send", socket, NativeConstants.WSAENOTCONN);
                }

                s.Sent.AddRange(buffer.Skip(offset).Take(count));
                return Record("send", socket, count, 0);
            }
        }

        public int Receive(IntPtr socket, byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                if (!Enter("recv", socket, out SimSocket? s, out int refused))
                {
                    return refused;
                }

                if (!s.IsConnected)
                {
                    return Fail("recv", socket, NativeConstants.WSAENOTCONN);
                }

                int n = 0;
                while (n < count && s.Incoming.Count > 0)
                {
                    buffer[offset + n++] = s.Incoming.Dequeue();
                }

                return Record("recv", socket, n, 0);
            }
        }

        public int SendTo(IntPtr socket, byte[] buffer, int offset, int count, byte[] address, int addressLength)
        {
            lock (_gate)
            {
                if (!Enter("sendto", socket, out SimSocket? s, out int refused))
                {
                    return refused;
                }

                IPEndPoint? peer = SockAddr.Decode(address, addressLength);
                if (peer == null)
                {
                    return Fail("sendto", socket, NativeConstants.WSAEFAULT);
                }

                if (!s.Bound)
                {
                    s.Bound = true; // a send-to binds implicitly
                    s.Local = new IPEndPoint(IPAddress.Any, _nextPort++);
                }

                s.SentTo.Add(peer);
                return Record("sendto", socket, count, 0);
            }
        }

        public int ReceiveFrom(IntPtr socket, byte[] buffer, int offset, int count, byte[] address, ref int addressLength)
        {
            lock (_gate)
            {
                if (!Enter("recvfrom", socket, out SimSocket? s, out int refused))
                {
                    return refused;
                }

                if (!s.Bound)
                {
                    return Fail("recvfrom", socket, NativeConstants.WSAEINVAL);
                }

                if (s.Datagrams.Count == 0)
                {
                    return Fail("recvfrom", socket, WSAEWOULDBLOCK); // a real blocking recvfrom would wait
                }

                (IPEndPoint peer, string identity, byte[] data) = s.Datagrams.Dequeue();
                int n = Math.Min(count, data.Length);
                Array.Copy(data, 0, buffer, offset, n);
                byte[] encoded = SockAddr.Encode(peer);
                Array.Copy(encoded, address, encoded.Length);
                addressLength = encoded.Length;
                s.ReceivedFrom.Add(peer);
                s.PeerIdentities[peer] = identity;
                return Record("recvfrom", socket, n, 0);
            }
        }

        public int CloseSocket(IntPtr socket)
        {
            lock (_gate)
            {
                if (!TryGet(socket, out SimSocket? s) || s.Managed != null)
                {
                    return Fail("closesocket", socket, NativeConstants.WSAENOTSOCK);
                }

                _sockets.Remove(socket);
                _freeHandles.Push(socket); // handle values are reused, most recent first
                return Record("closesocket", socket, 0, 0);
            }
        }

        public int GetSockName(IntPtr socket, byte[] address, ref int addressLength)
        {
            lock (_gate)
            {
                if (!Enter("getsockname", socket, out SimSocket? s, out int refused))
                {
                    return refused;
                }

                if (!s.IsBound)
                {
                    return Fail("getsockname", socket, NativeConstants.WSAEINVAL);
                }

                IPEndPoint local = s.Managed?.LocalEndPoint as IPEndPoint ?? s.Local ?? new IPEndPoint(IPAddress.Any, 0);
                return WriteAddress("getsockname", socket, local, address, ref addressLength);
            }
        }

        public int GetPeerName(IntPtr socket, byte[] address, ref int addressLength)
        {
            lock (_gate)
            {
                if (!Enter("getpeername", socket, out SimSocket? s, out int refused))
                {
                    return refused;
                }

                if (!s.IsConnected)
                {
                    return Fail("getpeername", socket, NativeConstants.WSAENOTCONN);
                }

                IPEndPoint remote = s.Managed?.RemoteEndPoint as IPEndPoint ?? s.Remote ?? new IPEndPoint(IPAddress.Loopback, 1);
                return WriteAddress("getpeername", socket, remote, address, ref addressLength);
            }
        }

        public int GetSockOpt(IntPtr socket, int level, int optionName, byte[] optionValue, ref int optionLength)
        {
            lock (_gate)
            {
                if (!Enter("getsockopt", socket, out SimSocket? s, out int refused))
                {
                    return refused;
                }

                if (level != NativeConstants.SOL_SOCKET)
                {
                    return Fail("getsockopt", socket, WSAENOPROTOOPT);
                }

                switch (optionName)
                {
                    case NativeConstants.SO_PROTOCOL_INFOW:
                        if (optionLength < NativeConstants.WSAPROTOCOL_INFOW_Size || optionValue.Length < optionLength)
                        {
                            return Fail("getsockopt", socket, NativeConstants.WSAEFAULT);
                        }

                        Array.Clear(optionValue, 0, NativeConstants.WSAPROTOCOL_INFOW_Size);
                        SockAddr.WriteUInt32(optionValue, NativeConstants.WSAPROTOCOL_INFOW_AddressFamilyOffset, (uint)s.Family);
                        SockAddr.WriteUInt32(optionValue, NativeConstants.WSAPROTOCOL_INFOW_SocketTypeOffset, (uint)s.Type);
                        SockAddr.WriteUInt32(optionValue, NativeConstants.WSAPROTOCOL_INFOW_ProtocolOffset, (uint)s.Protocol);
                        optionLength = NativeConstants.WSAPROTOCOL_INFOW_Size;
                        break;
                    case NativeConstants.SO_ACCEPTCONN:
                    case NativeConstants.SO_TYPE:
                        if (optionLength < 4 || optionValue.Length < 4)
                        {
                            return Fail("getsockopt", socket, NativeConstants.WSAEFAULT);
                        }

                        SockAddr.WriteUInt32(optionValue, 0, optionName == NativeConstants.SO_TYPE ? (uint)s.Type : (s.Listening ? 1u : 0u));
                        optionLength = 4;
                        break;
                    default:
                        return Fail("getsockopt", socket, WSAENOPROTOOPT);
                }

                return Record("getsockopt", socket, 0, 0);
            }
        }

        public int WSAGetLastError()
        {
            int error = _lastError.TryGetValue(Environment.CurrentManagedThreadId, out int e) ? e : 0;
            lock (_gate)
            {
                Record("WSAGetLastError", IntPtr.Zero, error, 0);
            }

            return error;
        }

        public int ImpersonateSecurityContext(ref SspiContextHandle context)
        {
            const string api = "ImpersonateSecurityContext";
            lock (_gate)
            {
                if (Injected(api) is int injected)
                {
                    return Record(api, IntPtr.Zero, injected, injected);
                }

                if (!_contexts.TryGetValue(context, out SimContext? c))
                {
                    return Record(api, IntPtr.Zero, NativeConstants.SEC_E_INVALID_HANDLE, NativeConstants.SEC_E_INVALID_HANDLE);
                }

                if (!c.ServerSide)
                {
                    Violation("C-SSPI-1: ImpersonateSecurityContext with a client-side (InitializeSecurityContext) handle");
                    return Record(api, IntPtr.Zero, NativeConstants.SEC_E_NO_IMPERSONATION, NativeConstants.SEC_E_NO_IMPERSONATION); // code assumed
                }

                if (!c.PackageSupportsImpersonation || c.SchannelWithoutMutualAuth)
                {
                    // C-SSPI-4 / C-SSPI-2: the client cannot be impersonated. C-SSPI-5: the thread is left as it was.
                    return Record(api, IntPtr.Zero, NativeConstants.SEC_E_NO_IMPERSONATION, NativeConstants.SEC_E_NO_IMPERSONATION);
                }

                // C-SSPI-6: without the privilege the thread gets an identification-level token only.
                _threadIdentity[Environment.CurrentManagedThreadId] = c.IdentificationOnly ? c.Identity + " (identification)" : c.Identity;
                return Record(api, IntPtr.Zero, 0, 0);
            }
        }

        public int RevertSecurityContext(ref SspiContextHandle context)
        {
            const string api = "RevertSecurityContext";
            lock (_gate)
            {
                if (Injected(api) is int injected)
                {
                    return Record(api, IntPtr.Zero, injected, injected);
                }

                if (!_contexts.ContainsKey(context))
                {
                    return Record(api, IntPtr.Zero, NativeConstants.SEC_E_INVALID_HANDLE, NativeConstants.SEC_E_INVALID_HANDLE);
                }

                _threadIdentity.TryRemove(Environment.CurrentManagedThreadId, out _); // C-SSPI-3
                return Record(api, IntPtr.Zero, 0, 0);
            }
        }

        public int QuerySecurityContextToken(ref SspiContextHandle context, out IntPtr token)
        {
            const string api = "QuerySecurityContextToken";
            token = IntPtr.Zero;
            lock (_gate)
            {
                if (Injected(api) is int injected)
                {
                    return Record(api, IntPtr.Zero, injected, injected);
                }

                if (!_contexts.TryGetValue(context, out SimContext? c))
                {
                    return Record(api, IntPtr.Zero, NativeConstants.SEC_E_INVALID_HANDLE, NativeConstants.SEC_E_INVALID_HANDLE);
                }

                if (!c.ServerSide)
                {
                    Violation("C-SSPI-1: QuerySecurityContextToken with a client-side handle");
                    return Record(api, IntPtr.Zero, NativeConstants.SEC_E_NO_IMPERSONATION, NativeConstants.SEC_E_NO_IMPERSONATION); // code assumed
                }

                token = new IntPtr(_nextToken++);
                _openTokens[token] = c.Identity;
                return Record(api, IntPtr.Zero, 0, 0);
            }
        }

        public IntPtr GetCurrentThread()
        {
            lock (_gate)
            {
                Record("GetCurrentThread", IntPtr.Zero, -2, 0);
            }

            return CurrentThreadPseudoHandle;
        }

        public bool OpenThreadToken(IntPtr thread, uint desiredAccess, bool openAsSelf, out IntPtr token)
        {
            const string api = "OpenThreadToken";
            token = IntPtr.Zero;
            lock (_gate)
            {
                if (Injected(api) is int injected)
                {
                    _lastWin32Error[Environment.CurrentManagedThreadId] = injected;
                    Record(api, IntPtr.Zero, 0, injected);
                    return false;
                }

                if (thread != CurrentThreadPseudoHandle)
                {
                    _lastWin32Error[Environment.CurrentManagedThreadId] = ERROR_INVALID_HANDLE;
                    Record(api, IntPtr.Zero, 0, ERROR_INVALID_HANDLE);
                    return false;
                }

                string? identity = CurrentIdentity;
                if (identity == null)
                {
                    _lastWin32Error[Environment.CurrentManagedThreadId] = NativeConstants.ERROR_NO_TOKEN;
                    Record(api, IntPtr.Zero, 0, NativeConstants.ERROR_NO_TOKEN);
                    return false;
                }

                token = new IntPtr(_nextToken++);
                _openTokens[token] = identity;
                Record(api, IntPtr.Zero, 1, 0);
                return true;
            }
        }

        public bool CloseHandle(IntPtr handle)
        {
            lock (_gate)
            {
                if (!_openTokens.Remove(handle))
                {
                    _lastWin32Error[Environment.CurrentManagedThreadId] = ERROR_INVALID_HANDLE;
                    Record("CloseHandle", handle, 0, ERROR_INVALID_HANDLE);
                    return false;
                }

                Record("CloseHandle", handle, 1, 0);
                return true;
            }
        }

        public int GetLastWin32Error() => _lastWin32Error.TryGetValue(Environment.CurrentManagedThreadId, out int e) ? e : 0;

        public async Task<T> RunImpersonatedAsync<T>(IntPtr token, Func<Task<T>> func)
        {
            string identity;
            lock (_gate)
            {
                if (!_openTokens.TryGetValue(token, out string? known))
                {
                    throw new ArgumentException("RunImpersonatedAsync: not an open token: " + Hex(token));
                }

                identity = known;
                Record("RunImpersonatedAsync", token, 0, 0);
            }

            try
            {
                return await StartUnder(identity, func).ConfigureAwait(false);
            }
            finally
            {
                CloseHandle(token);
            }
        }

        // ---- internals ---------------------------------------------------------------------------------------

        /// <summary>Like WindowsIdentity.RunImpersonatedInternal: set the flow's token, run the synchronous part, restore.</summary>
        private Task<T> StartUnder<T>(string identity, Func<Task<T>> func)
        {
            string? previous = _flowIdentity.Value;
            _flowIdentity.Value = identity;
            try
            {
                return func();
            }
            finally
            {
                _flowIdentity.Value = previous;
            }
        }

        private SimSocket AddSocket(int family, int type, int protocol, bool overlapped)
        {
            IntPtr handle = _freeHandles.Count > 0 ? _freeHandles.Pop() : new IntPtr(_nextHandle += 4);
            var s = new SimSocket(handle, family, type, protocol, overlapped);
            _sockets[handle] = s;
            return s;
        }

        private bool TryGet(IntPtr handle, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SimSocket? socket)
        {
            if (_sockets.TryGetValue(handle, out socket))
            {
                if (socket.Managed == null || !IsDisposed(socket.Managed))
                {
                    return true;
                }

                _sockets.Remove(handle);
            }

            socket = null;
            return false;
        }

        private static bool IsDisposed(Socket socket) => socket.SafeHandle.IsClosed;

        private static int? KindError(SimSocket s)
        {
            if (s.Family != NativeConstants.AF_INET && s.Family != NativeConstants.AF_INET6)
            {
                return NativeConstants.WSAEAFNOSUPPORT;
            }

            if (s.Type != NativeConstants.SOCK_STREAM && s.Type != NativeConstants.SOCK_DGRAM)
            {
                return NativeConstants.WSAEINVAL;
            }

            return null;
        }

        private static int DefaultProtocol(int type) => type == NativeConstants.SOCK_STREAM ? NativeConstants.IPPROTO_TCP : type == NativeConstants.SOCK_DGRAM ? NativeConstants.IPPROTO_UDP : 0;

        private int? Injected(string api) => Inject?.Invoke(api);

        /// <summary>
        /// The checks every per-socket function makes first: a descriptor that is no (live) socket gets WSAENOTSOCK
        /// (C-SEC-7, C-IMP-7), then an injected failure, if any. False with the SOCKET_ERROR result to return.
        /// </summary>
        private bool Enter(string api, IntPtr socket, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SimSocket? s, out int refused)
        {
            if (!TryGet(socket, out s))
            {
                refused = Fail(api, socket, NativeConstants.WSAENOTSOCK);
                return false;
            }

            if (Injected(api) is int injected)
            {
                refused = Fail(api, socket, injected);
                return false;
            }

            refused = 0;
            return true;
        }

        private int WriteAddress(string api, IntPtr socket, IPEndPoint endPoint, byte[] address, ref int addressLength)
        {
            byte[] encoded = SockAddr.Encode(endPoint);
            if (addressLength < encoded.Length || address.Length < encoded.Length)
            {
                return Fail(api, socket, NativeConstants.WSAEFAULT);
            }

            Array.Copy(encoded, address, encoded.Length);
            addressLength = encoded.Length;
            return Record(api, socket, 0, 0);
        }

        private int Fail(string api, IntPtr socket, int error)
        {
            _lastError[Environment.CurrentManagedThreadId] = error;
            return Record(api, socket, NativeConstants.SOCKET_ERROR, error);
        }

        private IntPtr FailHandle(string api, IntPtr socket, int error)
        {
            Fail(api, socket, error);
            return NativeConstants.INVALID_SOCKET;
        }

        private int Record(string api, IntPtr socket, int result, int error)
        {
            _log.Add(new NativeCall(api, socket, Environment.CurrentManagedThreadId, result, error));
            return result;
        }

        private void Violation(string text) => _violations.Add(text);

        private static string Hex(IntPtr value) => "0x" + value.ToInt64().ToString("X");

        internal sealed class SimContext
        {
            public SimContext(string identity, bool serverSide, bool packageSupportsImpersonation, bool schannelWithoutMutualAuth, bool identificationOnly)
            {
                Identity = identity;
                ServerSide = serverSide;
                PackageSupportsImpersonation = packageSupportsImpersonation;
                SchannelWithoutMutualAuth = schannelWithoutMutualAuth;
                IdentificationOnly = identificationOnly;
            }

            public string Identity { get; }

            public bool ServerSide { get; }

            public bool PackageSupportsImpersonation { get; }

            public bool SchannelWithoutMutualAuth { get; }

            public bool IdentificationOnly { get; }
        }
    }

    /// <summary>The simulator's state of one socket.</summary>
    internal sealed class SimSocket
    {
        public SimSocket(IntPtr handle, int family, int type, int protocol, bool overlapped)
        {
            Handle = handle;
            Family = family;
            Type = type;
            Protocol = protocol;
            Overlapped = overlapped;
        }

        public IntPtr Handle { get; }

        public int Family { get; }

        public int Type { get; }

        public int Protocol { get; }

        public bool Overlapped { get; }

        public bool NonBlocking { get; set; }

        public Socket? Managed { get; set; }

        public bool Bound { get; set; }

        public bool Listening { get; set; }

        public bool Connected { get; set; }

        public bool Accepted { get; set; }

        public bool IsBound => Managed != null ? Managed.IsBound : Bound;

        public bool IsConnected => Managed != null ? Managed.Connected : Connected;

        public int SecureCount { get; set; }

        public byte[]? Settings { get; set; }

        public bool ExclusiveAddressUse { get; set; }

        public IPEndPoint? Local { get; set; }

        public IPEndPoint? Remote { get; set; }

        public string? PeerIdentity { get; set; }

        public string? StreamTarget { get; set; }

        public IPEndPoint? StreamTargetAddress { get; set; }

        public Dictionary<IPEndPoint, string> Targets { get; } = new Dictionary<IPEndPoint, string>();

        public HashSet<IPEndPoint> SentTo { get; } = new HashSet<IPEndPoint>();

        public HashSet<IPEndPoint> ReceivedFrom { get; } = new HashSet<IPEndPoint>();

        public Dictionary<IPEndPoint, string> PeerIdentities { get; } = new Dictionary<IPEndPoint, string>();

        public Queue<(IPEndPoint Peer, string Identity)> PendingConnections { get; } = new Queue<(IPEndPoint, string)>();

        public Queue<(IPEndPoint Peer, string Identity, byte[] Data)> Datagrams { get; } = new Queue<(IPEndPoint, string, byte[])>();

        public List<byte> Sent { get; } = new List<byte>();

        public Queue<byte> Incoming { get; } = new Queue<byte>();
    }
}
