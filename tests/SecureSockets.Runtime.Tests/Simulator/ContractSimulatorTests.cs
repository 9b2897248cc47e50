using System;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SecureSockets.Interop;
using Xunit;
using static SecureSockets.Interop.NativeConstants;

namespace SecureSockets.Runtime.Tests.Simulator
{
    /// <summary>The simulator itself, one test (or more) per CONTRACTS.md clause it models, calling the seam directly.</summary>
    public sealed class ContractSimulatorTests
    {
        private static readonly IPEndPoint Peer = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5000);
        private static readonly IPEndPoint OtherPeer = new IPEndPoint(IPAddress.Parse("192.0.2.11"), 5000);
        private readonly ContractSimulator _sim = new ContractSimulator();

        private static byte[] Target(string name, IPEndPoint? peer) => SocketSecurity.EncodePeerTargetName(Encoding.Unicode.GetBytes(name), peer);

        private int Secure(IntPtr s, byte[]? settings = null) => _sim.WSASetSocketSecurity(s, settings, settings == null ? 0u : (uint)settings.Length);

        private void ExpectError(int result, int error)
        {
            Assert.Equal(SOCKET_ERROR, result);
            Assert.Equal(error, _sim.WSAGetLastError());
        }

        private IntPtr Dgram(bool overlapped = false) => _sim.NewSocket(AF_INET, SOCK_DGRAM, overlapped);

        private IntPtr Accepted(string identity, bool overlappedListener = false)
        {
            IntPtr listener = _sim.NewSocket(AF_INET, SOCK_STREAM, overlappedListener);
            _sim.SetState(listener, bound: true, listening: true);
            _sim.EnqueueConnection(listener, Peer, identity);
            var address = new byte[128];
            int length = address.Length;
            return _sim.Accept(listener, address, ref length);
        }

        [Fact]
        public void C_SEC_1_secure_before_connect_succeeds_after_connect_fails()
        {
            IntPtr first = _sim.NewSocket();
            Assert.Equal(0, Secure(first));
            byte[] address = SockAddr.Encode(Peer);
            Assert.Equal(0, _sim.Connect(first, address, address.Length));

            IntPtr late = _sim.NewSocket();
            Assert.Equal(0, _sim.Connect(late, address, address.Length));
            ExpectError(Secure(late), WSAEISCONN);
            Assert.Contains(_sim.Violations, v => v.StartsWith("C-SEC-1", StringComparison.Ordinal));
        }

        [Fact]
        public void C_SEC_2_secure_after_bind_fails()
        {
            IntPtr s = _sim.NewSocket();
            byte[] local = SockAddr.Encode(new IPEndPoint(IPAddress.Loopback, 0));
            Assert.Equal(0, _sim.Bind(s, local, local.Length));
            ExpectError(Secure(s), WSAEINVAL);
            Assert.Contains(_sim.Violations, v => v.StartsWith("C-SEC-2", StringComparison.Ordinal));
        }

        [Fact]
        public void C_SEC_3_udp_secure_right_after_creation_succeeds_after_implicit_bind_fails()
        {
            IntPtr fresh = Dgram();
            Assert.Equal(0, Secure(fresh));

            IntPtr sent = Dgram();
            byte[] to = SockAddr.Encode(Peer);
            Assert.Equal(1, _sim.SendTo(sent, new byte[1], 0, 1, to, to.Length));
            ExpectError(Secure(sent), WSAEINVAL);
            Assert.Contains(_sim.Violations, v => v.StartsWith("C-SEC-3", StringComparison.Ordinal));
        }

        [Fact]
        public void C_SEC_4_second_call_fails()
        {
            IntPtr s = _sim.NewSocket();
            Assert.Equal(0, Secure(s));
            ExpectError(Secure(s), WSAEINVAL);
            Assert.Contains(_sim.Violations, v => v.StartsWith("C-SEC-4", StringComparison.Ordinal));
            Assert.Equal(1, _sim[s].SecureCount);
        }

        [Fact]
        public void C_SEC_5_family_and_type()
        {
            ExpectError(Secure(_sim.NewSocket(family: 1)), WSAEAFNOSUPPORT);
            ExpectError(Secure(_sim.NewSocket(type: 3)), WSAEINVAL);
            Assert.Equal(0, Secure(_sim.NewSocket(family: AF_INET6, type: SOCK_DGRAM)));
        }

        [Fact]
        public void C_SEC_6_connected_datagram_socket_is_refused_with_WSAEISCONN()
        {
            IntPtr s = Dgram();
            byte[] to = SockAddr.Encode(Peer);
            Assert.Equal(0, _sim.Connect(s, to, to.Length));
            ExpectError(Secure(s), WSAEISCONN);
        }

        [Fact]
        public void C_SEC_7_null_settings_default_bad_values_short_buffer_not_a_socket()
        {
            IntPtr s = _sim.NewSocket();
            Assert.Equal(0, _sim.WSASetSocketSecurity(s, null, 0));
            Assert.Null(_sim[s].Settings);

            ExpectError(_sim.WSASetSocketSecurity(_sim.NewSocket(), new byte[8], 4), WSAEMSGSIZE);
            var bad = new byte[8];
            bad[0] = 7;
            ExpectError(_sim.WSASetSocketSecurity(_sim.NewSocket(), bad, 8), WSAEINVAL);
            ExpectError(_sim.WSASetSocketSecurity(new IntPtr(0x4242), null, 0), WSAENOTSOCK);
        }

        [Fact]
        public void C_SEC_8_ipsec_structure_needs_the_ipsec_protocol()
        {
            byte[] ipsec = new IPsecSocketSecuritySettings().ToNative();
            Assert.Equal(0, Secure(_sim.NewSocket(), ipsec));

            SockAddr.WriteUInt32(ipsec, 0, (uint)SocketSecurityProtocol.Default);
            ExpectError(Secure(_sim.NewSocket(), ipsec), WSAEINVAL);
            Assert.Contains(_sim.Violations, v => v.StartsWith("C-SEC-8", StringComparison.Ordinal));
        }

        [Fact]
        public void C_SEC_8_ipsec_strings_longer_than_the_buffer_give_WSAEMSGSIZE()
        {
            byte[] ipsec = new IPsecSocketSecuritySettings { UserName = "u" }.ToNative();
            SockAddr.WriteUInt32(ipsec, 72, 400);
            ExpectError(Secure(_sim.NewSocket(), ipsec), WSAEMSGSIZE);
        }

        [Fact]
        public void C_SEC_9_security_takes_exclusive_use_of_the_port()
        {
            IntPtr s = _sim.NewSocket();
            Assert.False(_sim[s].ExclusiveAddressUse);
            Assert.Equal(0, Secure(s));
            Assert.True(_sim[s].ExclusiveAddressUse);
        }

        [Fact]
        public void C_TGT_2_connected_socket_is_refused_with_WSAEISCONN()
        {
            IntPtr s = _sim.NewSocket();
            _sim.SetState(s, connected: true);
            byte[] t = Target("host/a", null);
            ExpectError(_sim.WSASetSocketPeerTargetName(s, t, (uint)t.Length), WSAEISCONN);
            Assert.Contains(_sim.Violations, v => v.StartsWith("C-TGT-2", StringComparison.Ordinal));
        }

        [Fact]
        public void C_TGT_3_datagram_target_after_a_send_to_that_peer_breaks_the_order()
        {
            IntPtr s = Dgram();
            byte[] to = SockAddr.Encode(Peer);
            _sim.SendTo(s, new byte[1], 0, 1, to, to.Length);
            byte[] other = Target("host/b", OtherPeer);
            Assert.Equal(0, _sim.WSASetSocketPeerTargetName(s, other, (uint)other.Length));
            byte[] same = Target("host/a", Peer);
            ExpectError(_sim.WSASetSocketPeerTargetName(s, same, (uint)same.Length), WSAEINVAL);
            Assert.Contains(_sim.Violations, v => v.StartsWith("C-TGT-3", StringComparison.Ordinal));
        }

        [Fact]
        public void C_TGT_4_one_target_per_peer_several_per_datagram_socket()
        {
            IntPtr s = Dgram();
            byte[] a = Target("host/a", Peer);
            byte[] b = Target("host/b", OtherPeer);
            Assert.Equal(0, _sim.WSASetSocketPeerTargetName(s, a, (uint)a.Length));
            Assert.Equal(0, _sim.WSASetSocketPeerTargetName(s, b, (uint)b.Length));
            Assert.Equal("host/a", _sim[s].Targets[Peer]);
            Assert.Equal("host/b", _sim[s].Targets[OtherPeer]);
        }

        [Fact]
        public void C_TGT_5_null_gives_WSAEFAULT_zero_datagram_peer_gives_WSAEINVAL()
        {
            ExpectError(_sim.WSASetSocketPeerTargetName(_sim.NewSocket(), null, 0), WSAEFAULT);
            byte[] zero = Target("host/a", null);
            ExpectError(_sim.WSASetSocketPeerTargetName(Dgram(), zero, (uint)zero.Length), WSAEINVAL);
            Assert.Equal(0, _sim.WSASetSocketPeerTargetName(_sim.NewSocket(), zero, (uint)zero.Length)); // stream: address not needed
        }

        [Fact]
        public void C_TGT_6_kind_and_buffer_size()
        {
            byte[] t = Target("host/a", null);
            ExpectError(_sim.WSASetSocketPeerTargetName(_sim.NewSocket(family: 1), t, (uint)t.Length), WSAEAFNOSUPPORT);
            ExpectError(_sim.WSASetSocketPeerTargetName(_sim.NewSocket(type: 3), t, (uint)t.Length), WSAEINVAL);
            ExpectError(_sim.WSASetSocketPeerTargetName(_sim.NewSocket(), t, 100), WSAEMSGSIZE);
            ExpectError(_sim.WSASetSocketPeerTargetName(_sim.NewSocket(), t, (uint)t.Length - 6), WSAEMSGSIZE); // AllStrings starts at 140, inside the padded 144
        }

        [Fact]
        public void C_IMP_1_revert_ends_the_impersonation()
        {
            IntPtr s = Accepted("CONTOSO\\alice");
            byte[] address = SockAddr.Encode(Peer);
            Assert.Equal(0, _sim.WSAImpersonateSocketPeer(s, address, (uint)address.Length));
            Assert.Equal("CONTOSO\\alice", _sim.CurrentIdentity);
            Assert.Equal(0, _sim.WSARevertImpersonation());
            Assert.Null(_sim.CurrentIdentity);
        }

        [Fact]
        public void C_IMP_2_overlapped_or_non_blocking_socket_is_refused()
        {
            byte[] address = SockAddr.Encode(Peer);
            IntPtr overlapped = Accepted("alice", overlappedListener: true);
            Assert.True(_sim[overlapped].Overlapped); // accepted sockets inherit the listener's attribute
            ExpectError(_sim.WSAImpersonateSocketPeer(overlapped, address, (uint)address.Length), WSAEINVAL);
            IntPtr nonBlocking = Accepted("alice");
            _sim.SetState(nonBlocking, nonBlocking: true);
            ExpectError(_sim.WSAImpersonateSocketPeer(nonBlocking, address, (uint)address.Length), WSAEINVAL);
            Assert.Equal(2, _sim.Violations.Count);
            Assert.Null(_sim.CurrentIdentity);
        }

        [Fact]
        public void C_IMP_3_stream_socket_must_be_connected()
        {
            IntPtr listener = _sim.NewSocket(overlapped: false);
            _sim.SetState(listener, bound: true, listening: true);
            byte[] address = SockAddr.Encode(Peer);
            ExpectError(_sim.WSAImpersonateSocketPeer(listener, address, (uint)address.Length), WSAENOTCONN);
            Assert.Contains(_sim.Violations, v => v.StartsWith("C-IMP-3", StringComparison.Ordinal));
        }

        [Fact]
        public void C_IMP_4_datagram_peer_must_have_sent_something()
        {
            IntPtr s = Dgram();
            _sim.SetState(s, bound: true);
            byte[] address = SockAddr.Encode(Peer);
            ExpectError(_sim.WSAImpersonateSocketPeer(s, address, (uint)address.Length), WSAEINVAL);

            _sim.EnqueueDatagram(s, Peer, "bob", new byte[] { 1 });
            var from = new byte[128];
            int length = from.Length;
            Assert.Equal(1, _sim.ReceiveFrom(s, new byte[4], 0, 4, from, ref length));
            Assert.Equal(0, _sim.WSAImpersonateSocketPeer(s, address, (uint)address.Length));
            Assert.Equal("bob", _sim.CurrentIdentity);
            _sim.WSARevertImpersonation();
        }

        [Fact]
        public void C_IMP_5_null_peer_address_gives_WSAEFAULT_even_for_stream()
        {
            IntPtr s = Accepted("alice");
            ExpectError(_sim.WSAImpersonateSocketPeer(s, null, 0), WSAEFAULT);
        }

        [Fact]
        public void C_IMP_6_may_be_called_several_times()
        {
            IntPtr s = Accepted("alice");
            byte[] address = SockAddr.Encode(Peer);
            Assert.Equal(0, _sim.WSAImpersonateSocketPeer(s, address, (uint)address.Length));
            Assert.Equal(0, _sim.WSARevertImpersonation());
            Assert.Equal(0, _sim.WSAImpersonateSocketPeer(s, address, (uint)address.Length));
            Assert.Equal(0, _sim.WSARevertImpersonation());
        }

        [Fact]
        public void C_IMP_7_kind_buffer_size_and_not_a_socket()
        {
            byte[] address = SockAddr.Encode(Peer);
            ExpectError(_sim.WSAImpersonateSocketPeer(new IntPtr(0x1234), address, (uint)address.Length), WSAENOTSOCK);
            ExpectError(_sim.WSAImpersonateSocketPeer(_sim.NewSocket(family: 1, overlapped: false), address, (uint)address.Length), WSAEAFNOSUPPORT);
            ExpectError(_sim.WSAImpersonateSocketPeer(_sim.NewSocket(type: 3, overlapped: false), address, (uint)address.Length), WSAEINVAL);
            ExpectError(_sim.WSAImpersonateSocketPeer(Accepted("alice"), address, 8), WSAEMSGSIZE);
        }

        [Fact]
        public void C_SSPI_1_client_side_handle_is_not_impersonated()
        {
            SspiContextHandle client = _sim.AddClientContext("alice");
            Assert.Equal(SEC_E_NO_IMPERSONATION, _sim.ImpersonateSecurityContext(ref client));
            Assert.Null(_sim.CurrentIdentity);
            SspiContextHandle unknown = new SspiContextHandle(new IntPtr(99), new IntPtr(99));
            Assert.Equal(SEC_E_INVALID_HANDLE, _sim.ImpersonateSecurityContext(ref unknown));
        }

        [Fact]
        public void C_SSPI_2_schannel_without_mutual_auth_cannot_impersonate()
        {
            SspiContextHandle h = _sim.AddServerContext("alice", schannelWithoutMutualAuth: true);
            Assert.Equal(SEC_E_NO_IMPERSONATION, _sim.ImpersonateSecurityContext(ref h));
        }

        [Fact]
        public void C_SSPI_3_revert_restores_the_thread()
        {
            SspiContextHandle h = _sim.AddServerContext("alice");
            Assert.Equal(SEC_E_OK, _sim.ImpersonateSecurityContext(ref h));
            Assert.Equal("alice", _sim.CurrentIdentity);
            Assert.Equal(SEC_E_OK, _sim.RevertSecurityContext(ref h));
            Assert.Null(_sim.CurrentIdentity);
        }

        [Fact]
        public void C_SSPI_4_package_without_impersonation()
        {
            SspiContextHandle h = _sim.AddServerContext("alice", packageSupportsImpersonation: false);
            Assert.Equal(SEC_E_NO_IMPERSONATION, _sim.ImpersonateSecurityContext(ref h));
        }

        [Fact]
        public void C_SSPI_5_failure_leaves_the_thread_in_its_own_context()
        {
            SspiContextHandle h = _sim.AddServerContext("alice");
            _sim.Inject = api => api == "ImpersonateSecurityContext" ? SEC_E_NO_IMPERSONATION : null;
            Assert.Equal(SEC_E_NO_IMPERSONATION, _sim.ImpersonateSecurityContext(ref h));
            Assert.Null(_sim.CurrentIdentity);
        }

        [Fact]
        public void C_SSPI_6_identification_level_token()
        {
            SspiContextHandle h = _sim.AddServerContext("alice", identificationOnly: true);
            Assert.Equal(SEC_E_OK, _sim.ImpersonateSecurityContext(ref h));
            Assert.Equal("alice (identification)", _sim.CurrentIdentity);
            _sim.RevertSecurityContext(ref h);
        }

        [Fact]
        public void C_ALL_1_impersonation_belongs_to_the_calling_thread()
        {
            SspiContextHandle h = _sim.AddServerContext("alice");
            string? seenElsewhere = "unset";
            Assert.Equal(SEC_E_OK, _sim.ImpersonateSecurityContext(ref h));
            var other = new Thread(() => seenElsewhere = _sim.CurrentIdentity);
            other.Start();
            other.Join();
            Assert.Null(seenElsewhere);
            Assert.Equal("alice", _sim.CurrentIdentity);
            _sim.RevertSecurityContext(ref h);
        }

        [Fact]
        public async Task C_ALL_1_async_flow_runs_every_continuation_under_the_token_and_leaves_no_thread_impersonated()
        {
            SspiContextHandle h = _sim.AddServerContext("alice");
            Assert.Equal(SEC_E_OK, _sim.QuerySecurityContextToken(ref h, out IntPtr token));
            var hops = new ThreadHops();
            var seen = new System.Collections.Generic.List<string?>();
            Task<int> run = _sim.RunImpersonatedAsync(token, async () =>
            {
                seen.Add(_sim.CurrentIdentity);
                await hops.Hop();
                seen.Add(_sim.CurrentIdentity);
                await hops.Hop();
                seen.Add(_sim.CurrentIdentity);
                return 1;
            });
            Assert.Null(_sim.CurrentIdentity); // the calling thread is back to itself before the work finished
            Assert.Equal(1, await run);
            hops.JoinAll();
            Assert.Equal(new[] { "alice", "alice", "alice" }, seen);
            Assert.Equal(2, hops.Count);
            Assert.DoesNotContain(hops.ThreadIds, id => _sim.IdentityOf(id) != null);
            Assert.Equal(0, _sim.OpenTokenCount);
        }

        [Fact]
        public void C_ALL_2_failure_is_reported_only_through_the_result_and_WSAGetLastError()
        {
            _sim.Inject = api => api == "WSASetSocketSecurity" ? 10055 : null;
            IntPtr s = _sim.NewSocket();
            ExpectError(Secure(s), 10055);
            Assert.Equal(0, _sim[s].SecureCount);
        }

        [Fact]
        public void Handle_values_are_reused_after_closesocket_like_Windows()
        {
            Assert.Equal(0, _sim.WSAStartup());
            IntPtr first = _sim.WSASocketW(AF_INET, SOCK_STREAM, 0, 0);
            Assert.Equal(0, _sim.CloseSocket(first));
            IntPtr second = _sim.WSASocketW(AF_INET, SOCK_STREAM, 0, 0);
            Assert.Equal(first, second);
            Assert.Equal(0, _sim[second].SecureCount);
        }

        [Fact]
        public void WSASocketW_without_WSAStartup_fails_and_overlapped_flag_is_recorded()
        {
            Assert.Equal(INVALID_SOCKET, _sim.WSASocketW(AF_INET, SOCK_STREAM, 0, WSA_FLAG_OVERLAPPED));
            Assert.Equal(WSANOTINITIALISED, _sim.WSAGetLastError());
            _sim.WSAStartup();
            Assert.True(_sim[_sim.WSASocketW(AF_INET, SOCK_STREAM, 0, WSA_FLAG_OVERLAPPED)].Overlapped);
            Assert.False(_sim[_sim.WSASocketW(AF_INET, SOCK_STREAM, 0, 0)].Overlapped);
        }

        [Fact]
        public void OpenThreadToken_needs_an_impersonating_thread_and_tokens_are_counted()
        {
            Assert.False(_sim.OpenThreadToken(_sim.GetCurrentThread(), TOKEN_QUERY, true, out _));
            Assert.Equal(ERROR_NO_TOKEN, _sim.GetLastWin32Error());
            SspiContextHandle h = _sim.AddServerContext("alice");
            _sim.ImpersonateSecurityContext(ref h);
            Assert.True(_sim.OpenThreadToken(_sim.GetCurrentThread(), TOKEN_QUERY, true, out IntPtr token));
            _sim.RevertSecurityContext(ref h);
            Assert.Equal(1, _sim.OpenTokenCount);
            Assert.True(_sim.CloseHandle(token));
            Assert.Equal(0, _sim.OpenTokenCount);
            Assert.False(_sim.CloseHandle(token));
        }
    }
}
