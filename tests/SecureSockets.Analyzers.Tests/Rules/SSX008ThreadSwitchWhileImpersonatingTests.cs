using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX008>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX008: await / await foreach / await using / yield return while impersonating (C-ALL-1, Precision 17).</summary>
public class SSX008ThreadSwitchWhileImpersonatingTests
{
    /// <summary>Every binding shape: SSPI ref struct, enum/uint, HRESULT struct, class handle, SafeHandle; peer IntPtr and SafeSocketHandle.</summary>
    private static readonly string[] Shapes =
    {
        Bindings.DllImport, SspiBindings.DllImportRefStruct, SspiBindings.EnumStatus, SspiBindings.HResultStruct, SspiBindings.ClassHandle,
        SspiBindings.SafeHandleHeld,
    };

    /// <summary>An async method body over every binding shape (flagged or clean: the markup decides).</summary>
    private static Task Body(string body) => V.AnalyzerAsync(Wrap(body), Shapes);

    private static Task Source(string source, params string[] extra) => V.AnalyzerAsync(source, [.. Shapes, .. extra]);

    private static string Wrap(string body) => $$"""
        using System.Collections.Generic;

        class C
        {
            SecHandle h;
            CtxtHandle ch;
            SecHandleClass hc = new();
            SafeContextHandle sh = new();
            static void Work() { }
            static void Log(object o) { }
            static async IAsyncEnumerable<int> Items() { await Task.Yield(); yield return 1; }

            async Task M(IntPtr s, SafeSocketHandle ss, bool flag, int count)
            {
        {{body}}
            }
        }

        sealed class AsyncResource : IAsyncDisposable
        {
            public ValueTask DisposeAsync() => default;
        }
        """;

    // ---- Flagged (C-ALL-1) ----------------------------------------------------------------------------------------

    [Fact]
    public Task Await_while_impersonating_ref_struct_is_flagged_C_ALL_1() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { {|SSX008:await|} Task.Delay(1); }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Await_while_impersonating_class_handle_is_flagged_C_ALL_1() => Body("""
                if (SspiClass.ImpersonateSecurityContext(hc) != 0) return;
                try { {|SSX008:await|} Task.Delay(1); }
                finally { SspiClass.RevertSecurityContext(hc); }
        """);

    [Fact]
    public Task Await_while_impersonating_SafeHandle_is_flagged_C_ALL_1() => Body("""
                if (SspiSafe.ImpersonateSecurityContext(sh) != 0) return;
                try { {|SSX008:await|} Task.Delay(1); }
                finally { SspiSafe.RevertSecurityContext(sh); }
        """);

    [Fact]
    public Task Await_while_impersonating_HResult_is_flagged_C_ALL_1() => Body("""
                SspiH.ImpersonateSecurityContext(in ch).ThrowIfFailed();
                try { {|SSX008:await|} Task.Delay(1); }
                finally { SspiH.RevertSecurityContext(in ch); }
        """);

    [Fact]
    public Task Await_while_impersonating_enum_status_is_flagged_C_ALL_1() => Body("""
                if (SspiEnum.ImpersonateSecurityContext(ref h) != SecurityStatus.OK) return;
                try { {|SSX008:await|} Task.Delay(1); }
                finally { SspiEnum.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Await_while_peer_impersonating_is_flagged_C_ALL_1() => Body("""
                if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                try { {|SSX008:await|} Task.Delay(1); }
                finally { Native.WSARevertImpersonation(); }
        """);

    [Fact]
    public Task Await_while_peer_impersonating_SafeSocketHandle_is_flagged_C_ALL_1() => Body("""
                if (PeerSafe.WSAImpersonateSocketPeer(ss, IntPtr.Zero, 0) != 0) return;
                try { {|SSX008:await|} Task.Delay(1); }
                finally { PeerSafe.WSARevertImpersonation(); }
        """);

    [Fact]
    public Task Await_with_ConfigureAwait_is_flagged_C_ALL_1() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { {|SSX008:await|} Task.Delay(1).ConfigureAwait(false); }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Await_on_one_branch_while_impersonating_is_flagged_C_ALL_1() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try
                {
                    if (flag) {|SSX008:await|} Task.Yield();
                    Work();
                }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Await_when_status_not_tested_is_flagged_C_ALL_1() => Body("""
                Sspi.ImpersonateSecurityContext(ref h);
                {|SSX008:await|} Task.Delay(1);
                Sspi.RevertSecurityContext(ref h);
        """);

    [Fact]
    public Task Await_in_loop_while_impersonating_is_flagged_C_ALL_1() => Body("""
                for (var i = 0; i < count; i++)
                {
                    if (Sspi.ImpersonateSecurityContext(ref h) != 0) continue;
                    try { {|SSX008:await|} Task.Delay(i); }
                    finally { Sspi.RevertSecurityContext(ref h); }
                }
        """);

    [Fact]
    public Task Yield_return_while_impersonating_is_flagged_Precision_17() => Source("""
        using System.Collections.Generic;

        class C
        {
            SecHandle h;

            IEnumerable<int> Items()
            {
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) yield break;
                try
                {
                    {|SSX008:yield return|} 1;
                }
                finally
                {
                    Sspi.RevertSecurityContext(ref h);
                }
            }
        }
        """);

    [Fact]
    public Task Await_after_begin_helper_is_flagged_Precision_2() => Source("""
        class C
        {
            SecHandle h;

            int Begin() => Sspi.ImpersonateSecurityContext(ref h);

            async Task M()
            {
                if (Begin() != 0) return;
                try { {|SSX008:await|} Task.Delay(1); }
                finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """);

    [Fact]
    public Task Await_inside_owner_using_is_flagged_Precision_3() => Source(Wrap("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                using (new ImpersonationHandle(ref h))
                {
                    {|SSX008:await|} Task.Delay(1);
                }
        """), SspiBindings.ImpersonationOwner);

    [Fact]
    public Task Await_inside_factory_owner_using_is_flagged_Precision_3() => Source(Wrap("""
                using (ImpersonationScopes.Begin(ref h))
                {
                    {|SSX008:await|} Task.Delay(1);
                }
        """), SspiBindings.ImpersonationOwner, SspiBindings.ImpersonationOwnerFactory);

    [Fact]
    public Task Await_in_catch_after_swallowed_exception_still_impersonating_is_flagged() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try
                {
                    Work();
                    Sspi.RevertSecurityContext(ref h);
                }
                catch (Exception e)
                {
                    Log(e);
                }

                {|SSX008:await|} Task.Delay(1);
        """);

    // ---- Clean ---------------------------------------------------------------------------------------------------

    [Fact]
    public Task Await_after_revert_is_clean() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
                await Task.Delay(1);
        """);

    [Fact]
    public Task Await_before_impersonating_is_clean() => Body("""
                await Task.Delay(1);
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Await_on_the_failure_path_is_clean() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0)
                {
                    await Task.Delay(1);
                    return;
                }

                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Await_after_peer_revert_is_clean() => Body("""
                if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                try { Work(); }
                finally { Native.WSARevertImpersonation(); }
                await Task.Delay(1);
        """);

    [Fact]
    public Task Await_after_RevertToSelf_is_clean() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally { Sspi.RevertToSelf(); }
                await Task.Delay(1);
        """);

    [Fact]
    public Task Await_after_SetThreadToken_null_is_clean() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally { Sspi.SetThreadToken(IntPtr.Zero, IntPtr.Zero); }
                await Task.Delay(1);
        """);

    [Fact]
    public Task Await_in_a_method_that_never_impersonates_is_clean() => Source("""
        class C
        {
            SecHandle h;

            void Sync()
            {
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                Sspi.RevertSecurityContext(ref h);
            }

            async Task M()
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Impersonation_in_a_lambda_and_await_outside_it_is_clean_Precision_13() => Body("""
                Action run = () =>
                {
                    if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                    try { Work(); }
                    finally { Sspi.RevertSecurityContext(ref h); }
                };
                run();
                await Task.Delay(1);
        """);

    [Fact]
    public Task Correlated_flag_await_after_finally_is_clean_Precision_4() => Body("""
                if (flag) { if (Sspi.ImpersonateSecurityContext(ref h) != 0) return; }
                try { Work(); }
                finally { if (flag) Sspi.RevertSecurityContext(ref h); }
                await Task.Delay(1);
        """);

    [Fact]
    public Task Yield_return_after_revert_is_clean() => Source("""
        using System.Collections.Generic;

        class C
        {
            SecHandle h;
            static int Compute() => 1;

            IEnumerable<int> Items()
            {
                int value;
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) yield break;
                try { value = Compute(); }
                finally { Sspi.RevertSecurityContext(ref h); }
                yield return value;
            }
        }
        """);

    [Fact]
    public Task Await_foreach_after_revert_is_clean() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
                await foreach (var item in Items())
                {
                    Log(item);
                }
        """);

    // ---- Former engine gaps: fixed in the engine, kept as regression tests ----------------------------------

    // Precision 13: an async lambda created inside the impersonated try is its own flow; the analyzer must not crash.
    [Fact]
    public Task Async_lambda_awaiting_inside_an_impersonated_region_is_its_own_flow_Precision_13() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                Func<Task> later;
                try
                {
                    later = async () => await Task.Delay(1);
                    Work();
                }
                finally { Sspi.RevertSecurityContext(ref h); }
                await later();
        """);

    // Precision 3: the owner's Dispose reverts, so after the using the thread is no longer impersonating.
    [Fact]
    public Task Await_after_owner_using_ends_is_clean_Precision_3() => Source(Wrap("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                using (var scope = new ImpersonationHandle(ref h))
                {
                    Work();
                }

                await Task.Delay(1);
        """), SspiBindings.ImpersonationOwner);

    // Precision 17: await using is reported at that statement's first token (the await keyword).
    [Fact]
    public Task Await_using_while_impersonating_is_flagged_Precision_17() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try
                {
                    {|SSX008:await|} using (new AsyncResource())
                    {
                        Work();
                    }
                }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    // Precision 17: same, for an await using declaration.
    [Fact]
    public Task Await_using_declaration_while_impersonating_is_flagged_Precision_17() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try
                {
                    {|SSX008:await|} using var resource = new AsyncResource();
                    Work();
                }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    // Precision 17: await foreach is one suspension point reported at the statement's first token.
    [Fact]
    public Task Await_foreach_while_impersonating_is_flagged_Precision_17() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try
                {
                    {|SSX008:await|} foreach (var item in Items())
                    {
                        Log(item);
                    }
                }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    // Precision 3: the factory's owner reverts at the using's Dispose.
    [Fact]
    public Task Await_after_factory_owner_using_ends_is_clean_Precision_3() => Source(Wrap("""
                using (ImpersonationScopes.Begin(ref h))
                {
                    Work();
                }

                await Task.Delay(1);
        """), SspiBindings.ImpersonationOwner, SspiBindings.ImpersonationOwnerFactory);
}
