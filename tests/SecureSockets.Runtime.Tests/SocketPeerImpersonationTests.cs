using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using static SecureSockets.Interop.NativeConstants;

namespace SecureSockets.Runtime.Tests
{
    public sealed class SocketPeerImpersonationTests : SimulatorTest
    {
        private static readonly IPEndPoint Client = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 40000);
        private readonly ImpersonableListener _listener;

        public SocketPeerImpersonationTests()
        {
            _listener = ImpersonableListener.Listen(new IPEndPoint(IPAddress.Loopback, 0));
        }

        public override void Dispose()
        {
            _listener.Dispose();
            base.Dispose();
        }

        private ImpersonableSocket Accept(string identity = "CONTOSO\\alice")
        {
            Sim.EnqueueConnection(_listener.DangerousGetHandle(), Client, identity);
            return _listener.Accept();
        }

        private ImpersonableSocket Datagram(string identity, out IPEndPoint from)
        {
            ImpersonableSocket udp = ImpersonableSocket.BindDatagram(new IPEndPoint(IPAddress.Loopback, 0));
            Sim.EnqueueDatagram(udp.DangerousGetHandle(), Client, identity, new byte[] { 7 });
            var buffer = new byte[16];
            Assert.Equal(1, udp.ReceiveFrom(buffer, 0, buffer.Length, out from));
            return udp;
        }

        private int ImpersonateCalls => Sim.Log.Count(c => c.Api == "WSAImpersonateSocketPeer");

        [Fact]
        public void Accepted_socket_is_non_overlapped_and_knows_its_peer_C_IMP_2_C_IMP_3()
        {
            using ImpersonableSocket s = Accept();
            Assert.False(Sim[s.DangerousGetHandle()].Overlapped);
            Assert.Equal(Client, s.RemoteEndPoint);
            Assert.Equal(SocketType.Stream, s.SocketType);
        }

        [Fact]
        public void Begin_impersonates_and_Dispose_reverts_C_IMP_1()
        {
            using ImpersonableSocket s = Accept();
            SocketPeerImpersonation scope = SocketPeerImpersonation.Begin(s);
            Assert.True(scope.IsActive);
            Assert.Equal("CONTOSO\\alice", Sim.CurrentIdentity);
            scope.Dispose();
            Assert.False(scope.IsActive);
            Assert.Null(Sim.CurrentIdentity);
            scope.Dispose(); // idempotent: one revert only
            Assert.Equal(1, Sim.Log.Count(c => c.Api == "WSARevertImpersonation"));
            Assert.Empty(Sim.Violations);
        }

        [Fact]
        public void Stream_peer_address_is_passed_although_ignored_C_IMP_5()
        {
            using ImpersonableSocket s = Accept();
            using (SocketPeerImpersonation.Begin(s, Client))
            {
                Assert.NotNull(Sim.CurrentIdentity);
            }

            Assert.Contains("C-IMP-5", Assert.Throws<ArgumentException>(() => SocketPeerImpersonation.Begin(s, new IPEndPoint(IPAddress.Parse("192.0.2.99"), 1))).Message);
            Assert.Equal(1, ImpersonateCalls);
        }

        [Fact]
        public void Run_action_runs_impersonated_and_reverts_even_when_it_throws()
        {
            using ImpersonableSocket s = Accept();
            string? inside = null;
            SocketPeerImpersonation.Run(s, () => inside = Sim.CurrentIdentity);
            Assert.Equal("CONTOSO\\alice", inside);
            Assert.Null(Sim.CurrentIdentity);

            Assert.Throws<FormatException>(() => SocketPeerImpersonation.Run(s, () => throw new FormatException()));
            Assert.Null(Sim.CurrentIdentity);
            Assert.Equal(42, SocketPeerImpersonation.Run(s, () => 42));
            Assert.Null(Sim.CurrentIdentity);
        }

        [Fact]
        public void Failure_throws_with_the_winsock_code_and_the_work_does_not_run_C_ALL_2()
        {
            using ImpersonableSocket s = Accept();
            Sim.Inject = api => api == "WSAImpersonateSocketPeer" ? 10050 : null;
            bool ran = false;
            SecureSocketException e = Assert.Throws<SecureSocketException>(() => SocketPeerImpersonation.Run(s, () => ran = true));
            Assert.Equal(10050, e.WinsockErrorCode);
            Assert.Equal("WSAImpersonateSocketPeer", e.FunctionName);
            Assert.False(ran);
            Assert.Null(Sim.CurrentIdentity);
            Assert.DoesNotContain(Sim.Log, c => c.Api == "WSARevertImpersonation");
        }

        public static IEnumerable<object[]> AsyncDelegates()
        {
            yield return new object[] { (Action<ImpersonableSocket>)(s => SocketPeerImpersonation.Run(s, async () => await Task.Yield())) };
            yield return new object[] { (Action<ImpersonableSocket>)(s => SocketPeerImpersonation.Run<Task>(s, () => Task.CompletedTask)) };
            yield return new object[] { (Action<ImpersonableSocket>)(s => SocketPeerImpersonation.Run(s, () => Task.FromResult(1))) };
            yield return new object[] { (Action<ImpersonableSocket>)(s => SocketPeerImpersonation.Run(s, () => new ValueTask())) };
            yield return new object[] { (Action<ImpersonableSocket>)(s => SocketPeerImpersonation.Run(s, () => new ValueTask<int>(1))) };
            yield return new object[] { (Action<ImpersonableSocket>)(s => SocketPeerImpersonation.Run(s, () => AsyncStream())) };
            yield return new object[] { (Action<ImpersonableSocket>)(s => SocketPeerImpersonation.Run(s, Client, () => Task.CompletedTask)) };
            yield return new object[] { (Action<ImpersonableSocket>)(s => SocketPeerImpersonation.Run(s, (Action)AsyncVoid)) };
        }

        [Theory]
        [MemberData(nameof(AsyncDelegates))]
        public void Async_work_is_refused_before_impersonating_C_ALL_1(Action<ImpersonableSocket> call)
        {
            using ImpersonableSocket s = Accept();
            ArgumentException e = Assert.Throws<ArgumentException>(() => call(s));
            Assert.Contains("C-ALL-1", e.Message);
            Assert.Equal(0, ImpersonateCalls);
        }

        [Fact]
        public void Task_returned_as_object_is_caught_after_the_revert_C_ALL_1()
        {
            using ImpersonableSocket s = Accept();
            InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => SocketPeerImpersonation.Run<object>(s, () => Task.CompletedTask));
            Assert.Contains("C-ALL-1", e.Message);
            Assert.Null(Sim.CurrentIdentity);
        }

        [Fact]
        public void Dispose_on_another_thread_goes_to_the_policy_and_the_owner_can_still_revert_C_ALL_1()
        {
            using ImpersonableSocket s = Accept();
            int owner = Environment.CurrentManagedThreadId;
            SocketPeerImpersonation scope = SocketPeerImpersonation.Begin(s);
            Exception? thrown = null;
            var other = new Thread(() => thrown = Record.Exception(scope.Dispose));
            other.Start();
            other.Join();
            Assert.IsType<InvalidOperationException>(thrown);
            Assert.Contains("C-ALL-1", thrown!.Message);
            RevertFailure failure = Assert.Single(PolicyCalls);
            Assert.Equal(RevertFailureKind.WrongThread, failure.Kind);
            Assert.Equal("CONTOSO\\alice", Sim.IdentityOf(owner)); // the owning thread is still impersonated
            Assert.True(scope.IsActive);
            Assert.DoesNotContain(Sim.Log, c => c.Api == "WSARevertImpersonation");
            scope.Dispose();
            Assert.Null(Sim.CurrentIdentity);
        }

        [Fact]
        public void Failed_revert_goes_to_the_policy_with_its_code()
        {
            using ImpersonableSocket s = Accept();
            SocketPeerImpersonation scope = SocketPeerImpersonation.Begin(s);
            Sim.Inject = api => api == "WSARevertImpersonation" ? 10093 : null;
            SecureSocketException e = Assert.Throws<SecureSocketException>(scope.Dispose);
            Assert.Equal(10093, e.WinsockErrorCode);
            RevertFailure failure = Assert.Single(PolicyCalls);
            Assert.Equal(RevertFailureKind.RevertFailed, failure.Kind);
            Assert.Equal(10093, failure.ErrorCode);
            Assert.Equal("WSARevertImpersonation", failure.Function);
            Assert.True(scope.IsActive);
            Sim.Inject = null;
            scope.Dispose();
            Assert.Null(Sim.CurrentIdentity);
        }

        [Fact]
        public void Nested_impersonation_on_one_thread_is_refused()
        {
            using ImpersonableSocket s = Accept();
            using (SocketPeerImpersonation.Begin(s))
            {
                Assert.Throws<InvalidOperationException>(() => SocketPeerImpersonation.Begin(s));
            }

            Assert.Equal(1, ImpersonateCalls);
        }

        [Fact]
        public void Datagram_peer_is_impersonated_after_a_datagram_from_it_C_IMP_4()
        {
            using ImpersonableSocket udp = Datagram("CONTOSO\\bob", out IPEndPoint from);
            Assert.Equal(Client, from);
            Assert.Equal("CONTOSO\\bob", SocketPeerImpersonation.Run(udp, from, () => Sim.CurrentIdentity));
            Assert.Null(Sim.CurrentIdentity);
            Assert.Empty(Sim.Violations);
        }

        [Fact]
        public void Datagram_peer_rules_are_checked_before_the_call_C_IMP_4_C_IMP_5_C_IMP_7()
        {
            using ImpersonableSocket udp = Datagram("bob", out _);
            Assert.Contains("C-IMP-5", Assert.Throws<ArgumentNullException>(() => SocketPeerImpersonation.Begin(udp)).Message);
            Assert.Contains("C-IMP-4", Assert.Throws<InvalidOperationException>(() => SocketPeerImpersonation.Begin(udp, new IPEndPoint(IPAddress.Parse("192.0.2.77"), 1))).Message);
            Assert.Contains("C-IMP-7", Assert.Throws<ArgumentException>(() => SocketPeerImpersonation.Begin(udp, new DnsEndPoint("x", 1))).Message);
            Assert.Contains("C-IMP-7", Assert.Throws<ArgumentException>(() => SocketPeerImpersonation.Begin(udp, new IPEndPoint(IPAddress.IPv6Loopback, 1))).Message);
            Assert.Equal(0, ImpersonateCalls);
        }

        [Fact]
        public void Null_or_closed_socket_is_refused_before_any_call()
        {
            Assert.Throws<ArgumentNullException>(() => SocketPeerImpersonation.Begin(null!));
            ImpersonableSocket s = Accept();
            s.Dispose();
            Assert.Contains("C-IMP-7", Assert.Throws<ObjectDisposedException>(() => SocketPeerImpersonation.Begin(s)).Message);
            Assert.Throws<ArgumentNullException>(() => SocketPeerImpersonation.Run(Accept(), (Action)null!));
            Assert.Equal(0, ImpersonateCalls);
        }

        [Fact]
        public async Task Async_form_captures_the_token_and_runs_every_continuation_as_the_peer_C_ALL_1()
        {
            using ImpersonableSocket s = Accept();
            var hops = new ThreadHops();
            var seen = new List<string?>();
            Task run = SocketPeerImpersonation.RunImpersonatedAsync(s, async () =>
            {
                seen.Add(Sim.CurrentIdentity);
                await hops.Hop();
                seen.Add(Sim.CurrentIdentity);
            });
            Assert.Null(Sim.CurrentIdentity);
            await run;
            hops.JoinAll();
            Assert.Equal(new[] { "CONTOSO\\alice", "CONTOSO\\alice" }, seen);
            Assert.DoesNotContain(hops.ThreadIds, id => Sim.IdentityOf(id) != null);
            Assert.Equal(0, Sim.OpenTokenCount);
            string[] order = Sim.Actions.Where(c => c.Api is "WSAImpersonateSocketPeer" or "OpenThreadToken" or "WSARevertImpersonation" or "RunImpersonatedAsync" or "CloseHandle").Select(c => c.Api).ToArray();
            Assert.Equal(new[] { "WSAImpersonateSocketPeer", "OpenThreadToken", "WSARevertImpersonation", "RunImpersonatedAsync", "CloseHandle" }, order);
        }

        [Fact]
        public async Task Async_form_returns_the_result()
        {
            using ImpersonableSocket s = Accept();
            Assert.Equal(5, await SocketPeerImpersonation.RunImpersonatedAsync(s, async () =>
            {
                await Task.Yield();
                return 5;
            }));
        }

        [Fact]
        public void Async_form_token_failure_reverts_and_throws_with_the_code()
        {
            using ImpersonableSocket s = Accept();
            Sim.Inject = api => api == "OpenThreadToken" ? 5 : null;
            bool ran = false;
            // Thrown synchronously: the token is captured on the calling thread, before anything is awaited.
            Win32Exception e = Assert.Throws<Win32Exception>(() =>
            {
                _ = SocketPeerImpersonation.RunImpersonatedAsync(s, () =>
                {
                    ran = true;
                    return Task.CompletedTask;
                });
            });
            Assert.Equal(5, e.NativeErrorCode);
            Assert.False(ran);
            Assert.Null(Sim.CurrentIdentity);
            Assert.Equal(0, Sim.OpenTokenCount);
        }

        [Fact]
        public void Async_form_revert_failure_closes_the_token_and_goes_to_the_policy()
        {
            using ImpersonableSocket s = Accept();
            Sim.Inject = api => api == "WSARevertImpersonation" ? 10022 : null;
            Assert.Throws<SecureSocketException>(() => { _ = SocketPeerImpersonation.RunImpersonatedAsync(s, () => Task.CompletedTask); });
            Assert.Single(PolicyCalls);
            Assert.Equal(0, Sim.OpenTokenCount);
            Assert.Equal("CONTOSO\\alice", Sim.CurrentIdentity); // still impersonated: that is why the default policy fails fast
            Assert.Throws<InvalidOperationException>(() => SocketPeerImpersonation.Begin(s)); // and the wrapper knows it
            Sim.Inject = null;
            Sim.WSARevertImpersonation();
            ImpersonationThreadState.ResetForTests();
        }

        [Fact]
        public void Async_form_without_platform_support_throws_before_any_call()
        {
            using ImpersonableSocket s = Accept();
            Sim.SupportsAsyncImpersonation = false;
            int before = Sim.Log.Count;
            Assert.Throws<PlatformNotSupportedException>(() => { _ = SocketPeerImpersonation.RunImpersonatedAsync(s, () => Task.CompletedTask); });
            Assert.Equal(before, Sim.Log.Count);
        }

        [Fact]
        public void Stream_send_and_receive_go_through_the_seam()
        {
            using ImpersonableSocket s = Accept();
            Assert.Equal(3, s.Send(new byte[] { 1, 2, 3 }, 0, 3));
            Assert.Equal(new byte[] { 1, 2, 3 }, Sim[s.DangerousGetHandle()].Sent);
            Assert.Throws<InvalidOperationException>(() => s.SendTo(new byte[1], 0, 1, Client));
            Assert.Throws<ArgumentOutOfRangeException>(() => s.Send(new byte[1], 0, 2));
        }

#pragma warning disable CS1998
        private static async void AsyncVoid()
        {
        }

        private static async IAsyncEnumerable<int> AsyncStream()
        {
            yield return 1;
        }
#pragma warning restore CS1998
    }
}
