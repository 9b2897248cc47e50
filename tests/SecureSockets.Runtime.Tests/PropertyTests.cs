using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SecureSockets.Interop;
using SecureSockets.Runtime.Tests.Simulator;
using Xunit;
using Xunit.Abstractions;

namespace SecureSockets.Runtime.Tests
{
    /// <summary>
    /// Random operation sequences (fixed seeds) against the contract simulator with injected native failures and
    /// exceptions thrown inside scopes. After every operation: no impersonation outlives its scope, the simulator saw no
    /// call out of the documented order, every injected failure surfaced as an exception carrying its code (or, for a
    /// revert, reached the policy), work never ran unimpersonated, no token leaked.
    /// </summary>
    public sealed class PropertyTests
    {
        private const int Sequences = 500;
        private static readonly string[] Failable =
        {
            "WSASetSocketSecurity", "WSASetSocketPeerTargetName", "WSAImpersonateSocketPeer", "WSARevertImpersonation",
            "ImpersonateSecurityContext", "RevertSecurityContext", "QuerySecurityContextToken", "OpenThreadToken",
            "getsockname", "getpeername", "accept", "recvfrom", "bind", "WSASocketW",
        };

        // Winsock codes that mean "the call failed" and never a state answer (WSAENOTCONN / WSAEINVAL would be read as
        // "not connected" / "not bound" by the queries, as the documentation says).
        private static readonly int[] FailureCodes = { 10050, 10051, 10052, 10055, 10060, 10065 };

        private readonly ITestOutputHelper _output;

        public PropertyTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Random_sequences_keep_every_invariant()
        {
            int operations = 0;
            int injected = 0;
            int policyCalls = 0;
            try
            {
                for (int seed = 0; seed < Sequences; seed++)
                {
                    var run = new SequenceRun(seed);
                    run.Execute();
                    operations += run.Operations;
                    injected += run.InjectedCount;
                    policyCalls += run.PolicyCount;
                }
            }
            finally
            {
                NativeApi.Override = null;
                ImpersonationPolicy.Reset();
            }

            _output.WriteLine($"{Sequences} sequences, {operations} operations, {injected} injected failures, {policyCalls} policy calls");
            // The generator must actually reach the interesting paths, or the test proves nothing.
            Assert.True(injected > Sequences, "too few injected failures: " + injected);
            Assert.True(policyCalls > 10, "too few failed reverts: " + policyCalls);
        }

        private sealed class SequenceRun
        {
            private static readonly IPEndPoint[] Peers =
            {
                new IPEndPoint(IPAddress.Parse("192.0.2.10"), 4000),
                new IPEndPoint(IPAddress.Parse("192.0.2.11"), 4001),
                new IPEndPoint(IPAddress.Parse("192.0.2.12"), 4002),
            };

            private readonly int _seed;
            private readonly Random _random;
            private readonly object _randomLock = new object();
            private readonly ContractSimulator _sim = new ContractSimulator();
            private readonly List<RevertFailure> _policy = new List<RevertFailure>();
            private readonly List<(string Api, int Code)> _injections = new List<(string, int)>();
            private readonly List<Socket> _managed = new List<Socket>();
            private readonly List<ImpersonableSocket> _accepted = new List<ImpersonableSocket>();
            private readonly List<SspiContextHandle> _contexts = new List<SspiContextHandle>();
            private readonly Dictionary<IPEndPoint, string> _datagramIdentity = new Dictionary<IPEndPoint, string>();
            private readonly Dictionary<SspiContextHandle, string> _contextIdentity = new Dictionary<SspiContextHandle, string>();
            private readonly HashSet<Socket> _rawSecured = new HashSet<Socket>();
            private ImpersonableListener? _listener;
            private ImpersonableSocket? _udp;
            private double _failureRate;
            private bool _injecting;

            public SequenceRun(int seed)
            {
                _seed = seed;
                _random = new Random(seed);
            }

            public int Operations { get; private set; }

            public int InjectedCount { get; private set; }

            public int PolicyCount { get; private set; }

            public void Execute()
            {
                NativeApi.Override = _sim;
                ImpersonationPolicy.OnRevertFailure = f =>
                {
                    lock (_policy)
                    {
                        _policy.Add(f);
                    }
                };
                _failureRate = Next(4) * 0.05; // 0 %, 5 %, 10 % or 15 % of the failable calls fail
                _sim.Inject = Inject;
                try
                {
                    int steps = 15 + Next(20);
                    for (int i = 0; i < steps; i++)
                    {
                        Step(i);
                    }
                }
                finally
                {
                    foreach (Socket s in _managed)
                    {
                        s.Dispose();
                    }

                    foreach (ImpersonableSocket s in _accepted)
                    {
                        s.Dispose();
                    }

                    _udp?.Dispose();
                    _listener?.Dispose();
                }
            }

            private int Next(int max)
            {
                lock (_randomLock)
                {
                    return _random.Next(max);
                }
            }

            private int? Inject(string api)
            {
                if (!_injecting || Array.IndexOf(Failable, api) < 0)
                {
                    return null;
                }

                lock (_randomLock)
                {
                    if (_random.NextDouble() >= _failureRate)
                    {
                        return null;
                    }
                }

                int code = api.Contains("Security", StringComparison.Ordinal) && !api.StartsWith("WSA", StringComparison.Ordinal)
                    ? NativeConstants.SEC_E_INVALID_HANDLE
                    : api == "OpenThreadToken" ? 5 : FailureCodes[Next(FailureCodes.Length)];
                lock (_injections)
                {
                    _injections.Add((api, code));
                }

                return code;
            }

            private void Step(int index)
            {
                string name = "?";
                Exception? thrown = null;
                var inside = new List<(string? Expected, string? Actual)>();
                lock (_injections)
                {
                    _injections.Clear();
                }

                lock (_policy)
                {
                    _policy.Clear();
                }

                var hops = new ThreadHops();
                _injecting = true;
                try
                {
                    name = RunOperation(hops, inside);
                }
                catch (Exception e)
                {
                    thrown = e;
                }
                finally
                {
                    _injecting = false;
                }

                hops.JoinAll();
                Operations++;
                string where = $"seed {_seed}, step {index}, {name}";
                List<(string Api, int Code)> injections;
                lock (_injections)
                {
                    injections = _injections.ToList();
                }

                List<RevertFailure> policy;
                lock (_policy)
                {
                    policy = _policy.ToList();
                }

                InjectedCount += injections.Count;
                PolicyCount += policy.Count;

                // Work ran only impersonated, as the right principal.
                foreach ((string? expected, string? actual) in inside)
                {
                    Assert.True(expected == actual, $"{where}: work ran as '{actual}', expected '{expected}'");
                }

                // Every injected failure surfaced as an exception carrying its code: none was swallowed.
                if (injections.Count > 0)
                {
                    Assert.True(thrown != null && !(thrown is WorkException), $"{where}: injected {string.Join(", ", injections)} but the operation ended with {thrown?.GetType().Name ?? "success"}");
                    Exception failure = thrown!;
                    int? code = CodeOf(failure);
                    Assert.True(code != null && injections.Any(i => i.Code == code), $"{where}: {failure.GetType().Name} '{failure.Message}' does not carry an injected code ({string.Join(", ", injections)})");
                }

                if (injections.Any(i => i.Api is "WSARevertImpersonation" or "RevertSecurityContext"))
                {
                    Assert.NotEmpty(policy); // a failed revert always reaches the policy
                    Assert.NotNull(thrown); // and, when the policy returns, the caller learns it
                }

                if (policy.Count > 0)
                {
                    // The policy was told; in production it ends the process. Clean the test thread and go on.
                    Assert.All(policy, p => Assert.Equal(RevertFailureKind.RevertFailed, p.Kind));
                    _sim.SetThreadIdentity(Environment.CurrentManagedThreadId, null);
                    ImpersonationThreadState.ResetForTests();
                }

                // No impersonation outlives its scope, on any thread.
                Assert.True(_sim.ImpersonatedThreads.Count == 0, $"{where}: threads still impersonated: {string.Join(", ", _sim.ImpersonatedThreads)}");
                Assert.True(_sim.Violations.Count == 0, $"{where}: out-of-order native call: {string.Join("; ", _sim.Violations)}");
                Assert.True(_sim.OpenTokenCount == 0, $"{where}: {_sim.OpenTokenCount} token(s) leaked");
                Assert.True(thrown == null || IsDocumented(thrown), $"{where}: undocumented exception {thrown}");
            }

            private string RunOperation(ThreadHops hops, List<(string?, string?)> inside)
            {
                switch (Next(13))
                {
                    case 0:
                        _managed.Add(_sim.Adopt(new Socket(Next(2) == 0 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6, Next(2) == 0 ? SocketType.Stream : SocketType.Dgram, ProtocolType.Unspecified)));
                        return "new socket";
                    case 1:
                        if (_managed.Count == 0)
                        {
                            return "noop";
                        }

                        Socket target = _managed[Next(_managed.Count)];
                        if (_rawSecured.Contains(target))
                        {
                            // Secured through its raw handle only: a repeat is refused by Winsock, not by the wrapper (documented).
                            return "noop";
                        }

                        switch (Next(3))
                        {
                            case 0:
                                SocketSecurity.Apply(target, Next(2) == 0 ? null : new IPsecSocketSecuritySettings { UserName = "u" });
                                break;
                            case 1:
                                SocketSecurity.Apply(target.SafeHandle);
                                break;
                            default:
                                SocketSecurity.Apply(target.Handle, SocketSecuritySettings.Default);
                                _rawSecured.Add(target);
                                break;
                        }

                        Assert.Equal(1, _sim[target.Handle].SecureCount);
                        return "apply";
                    case 2:
                        if (_managed.Count == 0)
                        {
                            return "noop";
                        }

                        Socket named = _managed[Next(_managed.Count)];
                        IPEndPoint peer = Peers[Next(Peers.Length)];
                        if (Next(2) == 0)
                        {
                            SocketSecurity.SetPeerTargetName(named, "host/" + Next(3), peer);
                        }
                        else
                        {
                            SocketSecurity.SetPeerTargetName(named, "host/x");
                        }

                        return "target";
                    case 3:
                        if (_managed.Count == 0)
                        {
                            return "noop";
                        }

                        Socket binding = _managed[Next(_managed.Count)];
                        binding.Bind(new IPEndPoint(binding.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback, 0));
                        return "bind (managed)";
                    case 4:
                        if (_listener == null)
                        {
                            _listener = ImpersonableListener.Listen(new IPEndPoint(IPAddress.Loopback, 0));
                            return "listen";
                        }

                        _sim.EnqueueConnection(_listener.DangerousGetHandle(), Peers[Next(Peers.Length)], "user" + Next(5));
                        _accepted.Add(_listener.Accept());
                        return "accept";
                    case 5:
                        if (_udp == null)
                        {
                            _udp = ImpersonableSocket.BindDatagram(new IPEndPoint(IPAddress.Loopback, 0));
                            return "bind datagram";
                        }

                        IPEndPoint sender = Peers[Next(Peers.Length)];
                        string identity = "udp" + Next(5);
                        _sim.EnqueueDatagram(_udp.DangerousGetHandle(), sender, identity, new byte[] { 1 });
                        _udp.ReceiveFrom(new byte[8], 0, 8, out IPEndPoint from);
                        // After an injected recvfrom failure an older datagram may be the one received: ask the model who sent it.
                        _datagramIdentity[from] = _sim[_udp.DangerousGetHandle()].PeerIdentities[from];
                        return "receive";
                    case 6:
                        return PeerRun(inside);
                    case 7:
                        return PeerScope(inside);
                    case 8:
                        string who = "sspi" + Next(5);
                        SspiContextHandle added = _sim.AddServerContext(who, packageSupportsImpersonation: Next(5) != 0);
                        _contexts.Add(added);
                        _contextIdentity[added] = who;
                        return "context";
                    case 9:
                        return SspiRun(inside);
                    case 10:
                        return AsyncRun(hops, inside);
                    case 11:
                        if (_accepted.Count > 0 && Next(3) == 0)
                        {
                            int i = Next(_accepted.Count);
                            _accepted[i].Dispose();
                            return "close accepted";
                        }

                        return WrongThreadDispose();
                    default:
                        if (_contexts.Count > 0 && Next(4) == 0)
                        {
                            _sim.DeleteContext(_contexts[Next(_contexts.Count)]);
                            return "delete context";
                        }

                        return "noop";
                }
            }

            private (ImpersonableSocket Socket, IPEndPoint? Peer, string? Identity)? PickPeer()
            {
                if (_udp != null && _datagramIdentity.Count > 0 && Next(3) == 0)
                {
                    KeyValuePair<IPEndPoint, string> entry = _datagramIdentity.ElementAt(Next(_datagramIdentity.Count));
                    return (_udp, entry.Key, entry.Value);
                }

                if (_accepted.Count == 0)
                {
                    return null;
                }

                ImpersonableSocket s = _accepted[Next(_accepted.Count)];
                return (s, null, s.IsClosed ? null : _sim[s.DangerousGetHandle()].PeerIdentity);
            }

            private string PeerRun(List<(string?, string?)> inside)
            {
                var picked = PickPeer();
                if (picked == null)
                {
                    return "noop";
                }

                (ImpersonableSocket socket, IPEndPoint? peer, string? identity) = picked.Value;
                bool throwInside = Next(3) == 0;
                SocketPeerImpersonation.Run(socket, peer, () =>
                {
                    inside.Add((identity, _sim.CurrentIdentity));
                    if (throwInside)
                    {
                        throw new WorkException();
                    }
                });
                return "peer run";
            }

            private string PeerScope(List<(string?, string?)> inside)
            {
                var picked = PickPeer();
                if (picked == null)
                {
                    return "noop";
                }

                (ImpersonableSocket socket, IPEndPoint? peer, string? identity) = picked.Value;
                using (SocketPeerImpersonation scope = SocketPeerImpersonation.Begin(socket, peer))
                {
                    inside.Add((identity, _sim.CurrentIdentity));
                    if (Next(3) == 0)
                    {
                        throw new WorkException();
                    }
                }

                return "peer scope";
            }

            private string SspiRun(List<(string?, string?)> inside)
            {
                if (_contexts.Count == 0)
                {
                    return "noop";
                }

                SspiContextHandle context = _contexts[Next(_contexts.Count)];
                var user = new SecHandle { dwLower = context.Lower, dwUpper = context.Upper };
                string? expected = IdentityOf(context);
                bool throwInside = Next(3) == 0;
                if (Next(2) == 0)
                {
                    SecurityContextImpersonation.Run(in user, () =>
                    {
                        inside.Add((expected, _sim.CurrentIdentity));
                        if (throwInside)
                        {
                            throw new WorkException();
                        }
                    });
                }
                else
                {
                    using (SecurityContextImpersonation.Begin(in context))
                    {
                        inside.Add((expected, _sim.CurrentIdentity));
                        if (throwInside)
                        {
                            throw new WorkException();
                        }
                    }
                }

                return "sspi";
            }

            private string AsyncRun(ThreadHops hops, List<(string?, string?)> inside)
            {
                bool throwInside = Next(3) == 0;
                Task task;
                if (_contexts.Count > 0 && Next(2) == 0)
                {
                    SspiContextHandle context = _contexts[Next(_contexts.Count)];
                    string? expected = IdentityOf(context);
                    task = SecurityContextImpersonation.RunImpersonatedAsync(in context, () => Work(hops, inside, expected, throwInside));
                }
                else
                {
                    var picked = PickPeer();
                    if (picked == null)
                    {
                        return "noop";
                    }

                    (ImpersonableSocket socket, IPEndPoint? peer, string? identity) = picked.Value;
                    task = SocketPeerImpersonation.RunImpersonatedAsync(socket, peer, () => Work(hops, inside, identity, throwInside));
                }

                Assert.Null(_sim.CurrentIdentity); // the calling thread is itself again before the work completes
                task.GetAwaiter().GetResult();
                return "async";
            }

            private async Task Work(ThreadHops hops, List<(string?, string?)> inside, string? expected, bool throwInside)
            {
                lock (inside)
                {
                    inside.Add((expected, _sim.CurrentIdentity));
                }

                await hops.Hop();
                lock (inside)
                {
                    inside.Add((expected, _sim.CurrentIdentity));
                }

                await hops.Hop();
                if (throwInside)
                {
                    throw new WorkException();
                }
            }

            private string WrongThreadDispose()
            {
                if (_contexts.Count == 0)
                {
                    return "noop";
                }

                SspiContextHandle context = _contexts[Next(_contexts.Count)];
                using SecurityContextImpersonation scope = SecurityContextImpersonation.Begin(in context);
                Exception? other = null;
                var thread = new Thread(() => other = Record.Exception(scope.Dispose));
                thread.Start();
                thread.Join();
                Assert.IsType<InvalidOperationException>(other);
                lock (_policy)
                {
                    Assert.Contains(_policy, p => p.Kind == RevertFailureKind.WrongThread);
                    _policy.RemoveAll(p => p.Kind == RevertFailureKind.WrongThread);
                }

                Assert.True(scope.IsActive);
                return "wrong-thread dispose";
            }

            private string? IdentityOf(SspiContextHandle context) => _contextIdentity.TryGetValue(context, out string? identity) ? identity : null;

            private static bool IsDocumented(Exception e) =>
                e is WorkException or SecureSocketException or SecurityStatusException or Win32Exception or ArgumentException
                    or InvalidOperationException or ObjectDisposedException or SocketException;

            private static int? CodeOf(Exception e) => e switch
            {
                SecureSocketException s => s.WinsockErrorCode,
                SecurityStatusException s => s.SecurityStatus,
                Win32Exception w => w.NativeErrorCode,
                _ => null,
            };
        }

        private sealed class WorkException : Exception
        {
        }
    }
}
