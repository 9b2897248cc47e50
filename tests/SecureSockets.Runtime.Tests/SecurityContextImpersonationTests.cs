using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using static SecureSockets.Interop.NativeConstants;

namespace SecureSockets.Runtime.Tests
{
    // Handle shapes as users declare them in their own P/Invoke code.
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CtxtHandle
    {
        public nuint dwLower;
        public nuint dwUpper;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct SECURITY_HANDLE
    {
        public UIntPtr LowPart;
        public UIntPtr HighPart;
    }

    public struct OnePointer
    {
        public IntPtr Value;
    }

    public struct ThreePointers
    {
        public IntPtr A;
        public IntPtr B;
        public IntPtr C;
    }

    public sealed class SecurityContextImpersonationTests : SimulatorTest
    {
        private SecHandle Server(string identity = "CONTOSO\\alice", bool supportsImpersonation = true)
        {
            SspiContextHandle h = Sim.AddServerContext(identity, supportsImpersonation);
            return new SecHandle { dwLower = h.Lower, dwUpper = h.Upper };
        }

        private int ImpersonateCalls => Sim.Log.Count(c => c.Api == "ImpersonateSecurityContext");

        [Fact]
        public void Begin_with_a_user_SecHandle_impersonates_and_Dispose_reverts_C_SSPI_3()
        {
            SecHandle handle = Server();
            using (SecurityContextImpersonation scope = SecurityContextImpersonation.Begin(in handle))
            {
                Assert.Equal("CONTOSO\\alice", Sim.CurrentIdentity);
                Assert.Equal(handle.dwLower, scope.ContextHandle.Lower);
            }

            Assert.Null(Sim.CurrentIdentity);
            Assert.Equal(1, Sim.Log.Count(c => c.Api == "RevertSecurityContext"));
        }

        [Fact]
        public void Every_two_pointer_shape_is_accepted()
        {
            SecHandle h = Server();
            var ctxt = new CtxtHandle { dwLower = (nuint)(nint)h.dwLower, dwUpper = (nuint)(nint)h.dwUpper };
            var sec = new SECURITY_HANDLE { LowPart = (UIntPtr)(ulong)(long)h.dwLower, HighPart = (UIntPtr)(ulong)(long)h.dwUpper };
            var own = new SspiContextHandle(h.dwLower, h.dwUpper);
            using (SecurityContextImpersonation.Begin(ctxt))
            {
                Assert.NotNull(Sim.CurrentIdentity);
            }

            using (SecurityContextImpersonation.Begin(in sec))
            {
                Assert.NotNull(Sim.CurrentIdentity);
            }

            using (SecurityContextImpersonation.Begin(in own))
            {
                Assert.NotNull(Sim.CurrentIdentity);
            }

            Assert.Equal(3, ImpersonateCalls);
            Assert.Null(Sim.CurrentIdentity);
        }

        [Fact]
        public void Wrong_size_is_refused_before_any_call_C_SSPI_1()
        {
            var one = new OnePointer { Value = new IntPtr(5) };
            var three = new ThreePointers { A = new IntPtr(1), B = new IntPtr(2), C = new IntPtr(3) };
            IntPtr pointer = new IntPtr(0x1234);
            Assert.Contains("C-SSPI-1", Assert.Throws<ArgumentException>(() => SecurityContextImpersonation.Begin(in one)).Message);
            Assert.Contains("C-SSPI-1", Assert.Throws<ArgumentException>(() => SecurityContextImpersonation.Begin(in three)).Message);
            Assert.Contains("C-SSPI-1", Assert.Throws<ArgumentException>(() => SecurityContextImpersonation.Begin(in pointer)).Message);
            Assert.Throws<ArgumentException>(() => SecurityContextImpersonation.Begin(42));
            Assert.Empty(Sim.Log);
        }

        [Fact]
        public void Empty_or_invalidated_handle_is_refused_before_any_call_C_SSPI_1()
        {
            var zero = default(SecHandle);
            var invalidated = new SecHandle { dwLower = new IntPtr(-1), dwUpper = new IntPtr(-1) };
            Assert.Contains("C-SSPI-1", Assert.Throws<ArgumentException>(() => SecurityContextImpersonation.Begin(in zero)).Message);
            Assert.Contains("C-SSPI-1", Assert.Throws<ArgumentException>(() => SecurityContextImpersonation.Begin(in invalidated)).Message);
            Assert.Throws<ArgumentException>(() => SecurityContextImpersonation.Begin(default(SspiContextHandle)));
            Assert.Empty(Sim.Log);
        }

        [Fact]
        public void Failure_throws_SecurityStatusException_and_the_client_is_not_impersonated_C_SSPI_5()
        {
            var unknown = new SecHandle { dwLower = new IntPtr(77), dwUpper = new IntPtr(77) };
            bool ran = false;
            SecurityStatusException e = Assert.Throws<SecurityStatusException>(() => SecurityContextImpersonation.Run(in unknown, () => ran = true));
            Assert.Equal(SEC_E_INVALID_HANDLE, e.SecurityStatus);
            Assert.Equal(SEC_E_INVALID_HANDLE, e.NativeErrorCode);
            Assert.Equal(SEC_E_INVALID_HANDLE, e.HResult);
            Assert.Equal("ImpersonateSecurityContext", e.FunctionName);
            Assert.Contains("C-SSPI-5", e.Message);
            Assert.False(ran);
            Assert.Null(Sim.CurrentIdentity);
            Assert.DoesNotContain(Sim.Log, c => c.Api == "RevertSecurityContext");
        }

        [Fact]
        public void Package_without_impersonation_surfaces_SEC_E_NO_IMPERSONATION_C_SSPI_4()
        {
            SecHandle h = Server(supportsImpersonation: false);
            SecurityStatusException e = Assert.Throws<SecurityStatusException>(() => SecurityContextImpersonation.Begin(in h));
            Assert.Equal(SEC_E_NO_IMPERSONATION, e.SecurityStatus);
            Assert.Contains("C-SSPI-4", e.Message);
        }

        [Fact]
        public void Run_forms_run_impersonated_and_revert_on_exceptions()
        {
            SecHandle h = Server();
            Assert.Equal("CONTOSO\\alice", SecurityContextImpersonation.Run(in h, () => Sim.CurrentIdentity));
            Assert.Throws<FormatException>(() => SecurityContextImpersonation.Run(in h, () => throw new FormatException()));
            Assert.Null(Sim.CurrentIdentity);
            string? seen = null;
            SecurityContextImpersonation.Run(in h, () => { seen = Sim.CurrentIdentity; });
            Assert.Equal("CONTOSO\\alice", seen);
            Assert.Null(Sim.CurrentIdentity);
        }

        [Fact]
        public void Async_delegates_are_refused_before_impersonating_C_ALL_1()
        {
            SecHandle h = Server();
            Assert.Contains("C-ALL-1", Assert.Throws<ArgumentException>(() => { _ = SecurityContextImpersonation.Run(in h, async () => await Task.Yield()); }).Message);
            Assert.Contains("C-ALL-1", Assert.Throws<ArgumentException>(() => { _ = SecurityContextImpersonation.Run(in h, () => Task.FromResult(1)); }).Message);
            Assert.Contains("C-ALL-1", Assert.Throws<ArgumentException>(() => { _ = SecurityContextImpersonation.Run(in h, () => new ValueTask<int>(2)); }).Message);
            Assert.Equal(0, ImpersonateCalls);
        }

        [Fact]
        public void Failed_revert_goes_to_the_policy_with_the_status_C_SSPI_3()
        {
            SecHandle h = Server();
            SecurityContextImpersonation scope = SecurityContextImpersonation.Begin(in h);
            Sim.Inject = api => api == "RevertSecurityContext" ? SEC_E_INVALID_HANDLE : null;
            SecurityStatusException e = Assert.Throws<SecurityStatusException>(scope.Dispose);
            Assert.Equal("RevertSecurityContext", e.FunctionName);
            RevertFailure failure = Assert.Single(PolicyCalls);
            Assert.Equal(SEC_E_INVALID_HANDLE, failure.ErrorCode);
            Assert.Contains("C-SSPI-3", failure.Message);
            Assert.Equal("CONTOSO\\alice", Sim.CurrentIdentity);
            Sim.Inject = null;
            scope.Dispose();
            Assert.Null(Sim.CurrentIdentity);
        }

        [Fact]
        public void Dispose_on_another_thread_goes_to_the_policy_C_ALL_1()
        {
            SecHandle h = Server();
            SecurityContextImpersonation scope = SecurityContextImpersonation.Begin(in h);
            Exception? thrown = null;
            var other = new Thread(() => thrown = Record.Exception(scope.Dispose));
            other.Start();
            other.Join();
            Assert.IsType<InvalidOperationException>(thrown);
            Assert.Equal(RevertFailureKind.WrongThread, Assert.Single(PolicyCalls).Kind);
            Assert.Equal("CONTOSO\\alice", Sim.CurrentIdentity);
            scope.Dispose();
            Assert.Null(Sim.CurrentIdentity);
        }

        [Fact]
        public void Nested_impersonation_is_refused_across_both_kinds()
        {
            SecHandle h = Server();
            using (SecurityContextImpersonation.Begin(in h))
            {
                Assert.Throws<InvalidOperationException>(() => SecurityContextImpersonation.Begin(in h));
            }

            Assert.Equal(1, ImpersonateCalls);
        }

        [Fact]
        public async Task Async_form_runs_every_continuation_as_the_client_and_leaves_no_thread_impersonated()
        {
            SecHandle h = Server();
            var hops = new ThreadHops();
            var seen = new List<string?>();
            Task<int> run = SecurityContextImpersonation.RunImpersonatedAsync(in h, async () =>
            {
                seen.Add(Sim.CurrentIdentity);
                await hops.Hop();
                seen.Add(Sim.CurrentIdentity);
                await hops.Hop();
                seen.Add(Sim.CurrentIdentity);
                return 3;
            });
            Assert.Null(Sim.CurrentIdentity);
            Assert.Equal(3, await run);
            hops.JoinAll();
            Assert.Equal(Enumerable.Repeat<string?>("CONTOSO\\alice", 3), seen);
            Assert.DoesNotContain(hops.ThreadIds, id => Sim.IdentityOf(id) != null);
            Assert.Equal(0, Sim.OpenTokenCount);
            Assert.DoesNotContain(Sim.Log, c => c.Api == "ImpersonateSecurityContext");
        }

        [Fact]
        public async Task Async_form_exception_flows_to_the_task_and_the_token_is_closed()
        {
            SecHandle h = Server();
            var hops = new ThreadHops();
            Task run = SecurityContextImpersonation.RunImpersonatedAsync(in h, async () =>
            {
                await hops.Hop();
                throw new FormatException();
            });
            await Assert.ThrowsAsync<FormatException>(() => run);
            hops.JoinAll();
            Assert.Equal(0, Sim.OpenTokenCount);
            Assert.DoesNotContain(hops.ThreadIds, id => Sim.IdentityOf(id) != null);
        }

        [Fact]
        public void Async_form_token_failure_throws_the_status_and_does_not_run_C_SSPI_5()
        {
            SecHandle h = Server();
            Sim.Inject = api => api == "QuerySecurityContextToken" ? SEC_E_INVALID_HANDLE : null;
            bool ran = false;
            SecurityStatusException e = Assert.Throws<SecurityStatusException>(() =>
            {
                _ = SecurityContextImpersonation.RunImpersonatedAsync(in h, () =>
                {
                    ran = true;
                    return Task.CompletedTask;
                });
            });
            Assert.Equal(SEC_E_INVALID_HANDLE, e.SecurityStatus);
            Assert.False(ran);
        }

        [Fact]
        public void Async_form_without_platform_support_throws_before_any_call()
        {
            SecHandle h = Server();
            Sim.SupportsAsyncImpersonation = false;
            PlatformNotSupportedException e = Assert.Throws<PlatformNotSupportedException>(() => { _ = SecurityContextImpersonation.RunImpersonatedAsync(in h, () => Task.CompletedTask); });
            Assert.Contains("C-ALL-1", e.Message);
            Assert.Empty(Sim.Log);
        }
    }
}
