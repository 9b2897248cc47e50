using System.Linq;
using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX003>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX003: WSAImpersonateSocketPeer not reverted on every path (C-IMP-1, C-ALL-1).</summary>
public class SSX003PeerImpersonationNotRevertedTests
{
    /// <summary>Peer-impersonation binding shapes: IntPtr DllImport (two spellings), SafeSocketHandle with uint status, LibraryImport nint.</summary>
    private static readonly string[] Shapes =
    {
        Bindings.DllImport, SspiBindings.DllImportRefStruct, SspiBindings.SafeHandleHeld, SspiBindings.PeerLibraryImport,
    };

    /// <summary>A method body over every binding shape (flagged or clean: the markup decides).</summary>
    private static Task Body(string body) => V.AnalyzerAsync(Wrap(body), Shapes);

    private static Task Source(string source, params string[] extra) => V.AnalyzerAsync(source, [.. Shapes, .. extra]);

    private static string Wrap(string body) => $$"""
        class C
        {
            static void Work() { }
            static void Log(object o) { }
            static bool Allowed() => true;

            void M(IntPtr s, SafeSocketHandle ss, nint ns, Socket sock, IntPtr peer, bool flag, int count, IntPtr token)
            {
        {{body}}
            }
        }
        """;

    // ---- Flagged: binding styles (C-IMP-1) ---------------------------------------------------------------------

    [Fact]
    public Task IntPtr_revert_only_after_work_is_flagged_C_IMP_1() => Body("""
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                Work();
                Native.WSARevertImpersonation();
        """);

    [Fact]
    public Task Never_reverted_is_flagged_C_IMP_1() => Body("""
                if ({|SSX003:PeerImp.WSAImpersonateSocketPeer(s, peer, 16)|} == Native.SOCKET_ERROR) return;
                Work();
        """);

    [Fact]
    public Task Managed_socket_handle_revert_only_after_work_is_flagged_C_IMP_1() => Body("""
                if ({|SSX003:Native.WSAImpersonateSocketPeer(sock.Handle, IntPtr.Zero, 0)|} != 0) return;
                Work();
                Native.WSARevertImpersonation();
        """);

    [Fact]
    public Task SafeSocketHandle_uint_status_revert_only_after_work_is_flagged_C_IMP_1() => Body("""
                uint rc = {|SSX003:PeerSafe.WSAImpersonateSocketPeer(ss, IntPtr.Zero, 0)|};
                if (rc != 0) return;
                Work();
                PeerSafe.WSARevertImpersonation();
        """);

    [Fact]
    public Task LibraryImport_revert_only_after_work_is_flagged_C_IMP_1() => Body("""
                if ({|SSX003:PeerInterop.WSAImpersonateSocketPeer(ns, 0, 0)|} != 0) return;
                Work();
                PeerInterop.WSARevertImpersonation();
        """);

    // ---- Flagged: control flow ---------------------------------------------------------------------------------

    [Fact]
    public Task Early_return_after_work_skips_the_revert_is_flagged() => Body("""
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                try
                {
                    Work();
                    if (flag) return;
                    Native.WSARevertImpersonation();
                }
                catch
                {
                    Native.WSARevertImpersonation();
                    throw;
                }
        """);

    [Fact]
    public Task Early_return_on_authorization_check_before_finally_is_flagged() => Body("""
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                if (!Allowed()) return;
                try { Work(); }
                finally { Native.WSARevertImpersonation(); }
        """);

    [Fact]
    public Task Revert_on_one_branch_only_is_flagged() => Body("""
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                try
                {
                    if (flag) Work(); else Log(count);
                }
                finally
                {
                    if (count > 5) Native.WSARevertImpersonation();
                }
        """);

    [Fact]
    public Task Loop_with_revert_after_work_per_iteration_is_flagged() => Body("""
                for (var i = 0; i < count; i++)
                {
                    if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) continue;
                    Work();
                    Native.WSARevertImpersonation();
                }
        """);

    [Fact]
    public Task Switch_on_status_without_finally_is_flagged() => Body("""
                switch ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|})
                {
                    case 0:
                        Work();
                        Native.WSARevertImpersonation();
                        break;
                    default:
                        return;
                }
        """);

    [Fact]
    public Task Catch_that_swallows_then_continues_impersonated_is_flagged_Precision_12() => Body("""
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                try
                {
                    Work();
                    Native.WSARevertImpersonation();
                }
                catch (Exception e)
                {
                    Log(e);
                }

                Log("continuing");
        """);

    [Fact]
    public Task SetThreadToken_with_a_real_token_is_not_a_revert() => Body("""
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                try { Work(); }
                finally { Sspi.SetThreadToken(IntPtr.Zero, token); }
        """);

    [Fact]
    public Task Caller_of_begin_helper_is_flagged_at_the_helper_call_Precision_2() => Source("""
        class C
        {
            static void Work() { }

            static int BeginPeer(IntPtr socket) => Native.WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0);

            static void Caller(IntPtr s)
            {
                if ({|SSX003:BeginPeer(s)|} != 0) return;
                Work();
                Native.WSARevertImpersonation();
            }
        }
        """);

    [Fact]
    public Task Lambda_body_is_its_own_flow_and_is_flagged_there_Precision_13() => Source("""
        class C
        {
            static void Work() { }

            void M(IntPtr s)
            {
                Action<IntPtr> authorize = socket =>
                {
                    if ({|SSX003:Native.WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0)|} != 0) return;
                    Work();
                    Native.WSARevertImpersonation();
                };
                authorize(s);
            }
        }
        """);

    [Fact]
    public async Task Lambda_flow_is_named_in_the_message_by_its_container_Precision_13()
    {
        // A lambda's symbol has no name of its own: the message says whose lambda reaches its end impersonating.
        var (result, spans) = await AnalyzerRunner.RunMarkedAsync("""
            class C
            {
                static void Work() { }

                void Serve(IntPtr s)
                {
                    Action<IntPtr> authorize = socket =>
                    {
                        if ({|diag:Native.WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0)|} != 0) return;
                        Work();
                        Native.WSARevertImpersonation();
                    };
                    authorize(s);
                }
            }
            """, Bindings.DllImport);

        var diagnostic = Assert.Single(result.Ssx, d => d.Id == "SSX003");
        Assert.Equal(spans["diag"].Single(), diagnostic.Location.SourceSpan);
        Assert.Contains("reach the end of 'lambda in Serve'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    // ---- Clean ---------------------------------------------------------------------------------------------------

    [Fact]
    public Task IntPtr_revert_in_finally_is_clean() => Body("""
                if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                try { Work(); }
                finally { Native.WSARevertImpersonation(); }
        """);

    [Fact]
    public Task SafeSocketHandle_revert_in_finally_is_clean() => Body("""
                if (PeerSafe.WSAImpersonateSocketPeer(ss, IntPtr.Zero, 0) != 0) return;
                try { Work(); }
                finally { PeerSafe.WSARevertImpersonation(); }
        """);

    [Fact]
    public Task LibraryImport_revert_in_finally_is_clean() => Body("""
                if (PeerInterop.WSAImpersonateSocketPeer(ns, 0, 0) != 0) return;
                try { Work(); }
                finally { PeerInterop.WSARevertImpersonation(); }
        """);

    [Fact]
    public Task Impersonate_inside_try_with_revert_in_finally_is_clean() => Body("""
                try
                {
                    if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) == Native.SOCKET_ERROR)
                    {
                        throw new SocketException(Native.WSAGetLastError());
                    }

                    Work();
                }
                finally
                {
                    Native.WSARevertImpersonation();
                }
        """);

    [Fact]
    public Task Failure_path_needs_no_revert_is_clean() => Body("""
                int rc = Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0);
                if (rc == Native.SOCKET_ERROR)
                {
                    Log(Native.WSAGetLastError());
                    return;
                }

                try { Work(); }
                finally { Native.WSARevertImpersonation(); }
        """);

    [Fact]
    public Task Loop_impersonating_and_reverting_in_finally_per_iteration_is_clean() => Body("""
                for (var i = 0; i < count; i++)
                {
                    if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) break;
                    try { Work(); }
                    finally { Native.WSARevertImpersonation(); }
                }
        """);

    [Fact]
    public Task Switch_on_status_with_finally_is_clean() => Body("""
                switch (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0))
                {
                    case 0:
                        try { Work(); }
                        finally { Native.WSARevertImpersonation(); }
                        break;
                    default:
                        Log("not impersonated");
                        break;
                }
        """);

    [Fact]
    public Task Catch_revert_rethrow_plus_revert_after_try_is_clean_Precision_12() => Body("""
                if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                try
                {
                    Work();
                }
                catch
                {
                    Native.WSARevertImpersonation();
                    throw;
                }

                Native.WSARevertImpersonation();
        """);

    [Fact]
    public Task Correlated_bool_parameter_is_clean_Precision_4() => Body("""
                if (flag) { if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return; }
                try { Work(); }
                finally { if (flag) Native.WSARevertImpersonation(); }
        """);

    [Fact]
    public Task Correlated_constant_flag_set_after_success_is_clean_Precision_4() => Body("""
                var impersonating = false;
                try
                {
                    if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) == 0)
                    {
                        impersonating = true;
                        Work();
                    }
                }
                finally
                {
                    if (impersonating) Native.WSARevertImpersonation();
                }
        """);

    [Fact]
    public Task RevertToSelf_counts_as_revert() => Body("""
                if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                try { Work(); }
                finally { Sspi.RevertToSelf(); }
        """);

    [Fact]
    public Task SetThreadToken_with_null_token_counts_as_revert() => Body("""
                if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                try { Work(); }
                finally { Sspi.SetThreadToken(IntPtr.Zero, IntPtr.Zero); }
        """);

    [Fact]
    public Task Revert_through_the_other_binding_is_clean_Precision_7() => Body("""
                if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                try { Work(); }
                finally { PeerImp.WSARevertImpersonation(); }
        """);

    [Fact]
    public Task Begin_helper_is_not_reported_and_caller_with_finally_is_clean_Precision_2() => Source("""
        class C
        {
            static void Work() { }

            static void BeginPeer(IntPtr socket)
            {
                if (Native.WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0) != 0)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }
            }

            static void Caller(IntPtr s)
            {
                BeginPeer(s);
                try { Work(); }
                finally { Native.WSARevertImpersonation(); }
            }
        }
        """);

    [Fact]
    public Task Lambda_with_finally_is_clean_Precision_13() => Source("""
        class C
        {
            static void Work() { }

            void M(IntPtr s)
            {
                Action<IntPtr> authorize = socket =>
                {
                    if (Native.WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0) != 0) return;
                    try { Work(); }
                    finally { Native.WSARevertImpersonation(); }
                };
                authorize(s);
            }
        }
        """);

    // ---- Former engine gaps: fixed in the engine, kept as regression tests ----------------------------------

    // SSX003 + Precision 2: the method does work after success (on its other path), so it is judged itself; the early return leaves impersonating.
    [Fact]
    public Task Early_return_right_after_success_in_a_method_that_reverts_elsewhere_is_flagged() => Body("""
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                if (flag) return;
                try { Work(); }
                finally { Native.WSARevertImpersonation(); }
        """);
}
