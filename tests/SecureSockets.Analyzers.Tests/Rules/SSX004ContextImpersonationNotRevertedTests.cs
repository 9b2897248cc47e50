using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX004>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX004: ImpersonateSecurityContext not reverted on every path (C-SSPI-3, C-ALL-1).</summary>
public class SSX004ContextImpersonationNotRevertedTests
{
    /// <summary>Every SSPI binding shape: ref struct, enum/uint status, HRESULT struct (in CtxtHandle), class handle, SafeHandle.</summary>
    private static readonly string[] Shapes =
    {
        SspiBindings.DllImportRefStruct, SspiBindings.EnumStatus, SspiBindings.HResultStruct, SspiBindings.ClassHandle, SspiBindings.SafeHandleHeld,
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

            void M(ref SecHandle h, SecHandleClass hc, SafeContextHandle sh, CtxtHandle ch, CtxtHandleClass uc, bool flag, int count, IntPtr token)
            {
        {{body}}
            }
        }
        """;

    // ---- Flagged: binding styles (C-SSPI-3) --------------------------------------------------------------------

    [Fact]
    public Task Ref_struct_revert_only_after_work_is_flagged_C_SSPI_3() => Body("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                Work();
                Sspi.RevertSecurityContext(ref h);
        """);

    [Fact]
    public Task Ref_struct_never_reverted_is_flagged_C_SSPI_3() => Body("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != Sspi.SEC_E_OK) return;
                Work();
        """);

    [Fact]
    public Task Entry_point_renamed_binding_is_flagged_Precision_1() => Body("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext_NT(ref h)|} != 0) return;
                Work();
                Sspi.RevertSecurityContext(ref h);
        """);

    [Fact]
    public Task Class_handle_revert_only_after_work_is_flagged_C_SSPI_3() => Body("""
                if ({|SSX004:SspiClass.ImpersonateSecurityContext(hc)|} != 0) return;
                Work();
                SspiClass.RevertSecurityContext(hc);
        """);

    [Fact]
    public Task SafeHandle_revert_only_after_work_is_flagged_C_SSPI_3() => Body("""
                if ({|SSX004:SspiSafe.ImpersonateSecurityContext(sh)|} != 0) return;
                Work();
                SspiSafe.RevertSecurityContext(sh);
        """);

    [Fact]
    public Task HResult_Failed_test_then_revert_after_work_is_flagged_C_SSPI_3() => Body("""
                if ({|SSX004:SspiH.ImpersonateSecurityContext(in ch)|}.Failed) return;
                Work();
                SspiH.RevertSecurityContext(in ch);
        """);

    [Fact]
    public Task HResult_Succeeded_local_then_revert_after_work_is_flagged_C_SSPI_3() => Body("""
                var hr = {|SSX004:SspiH.ImpersonateSecurityContext(in ch)|};
                if (!hr.Succeeded) return;
                Work();
                SspiH.RevertSecurityContext(in ch);
        """);

    [Fact]
    public Task HResult_ThrowIfFailed_then_revert_after_work_is_flagged_C_SSPI_3() => Body("""
                {|SSX004:SspiH.ImpersonateSecurityContext(in ch)|}.ThrowIfFailed();
                Work();
                SspiH.RevertSecurityContext(in ch);
        """);

    [Fact]
    public Task Enum_status_revert_only_after_work_is_flagged_C_SSPI_3() => Body("""
                if ({|SSX004:SspiEnum.ImpersonateSecurityContext(ref h)|} != SecurityStatus.OK) return;
                Work();
                SspiEnum.RevertSecurityContext(ref h);
        """);

    [Fact]
    public Task Uint_status_revert_only_after_work_is_flagged_C_SSPI_3() => Body("""
                uint status = {|SSX004:SspiEnum.ImpersonateSecurityContext(uc)|};
                if (status != 0) return;
                Work();
                Sspi.RevertSecurityContext(ref h);
        """);

    // ---- Flagged: control flow ---------------------------------------------------------------------------------

    [Fact]
    public Task Early_return_after_work_skips_the_revert_is_flagged() => Body("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                try
                {
                    Work();
                    if (flag) return;
                    Sspi.RevertSecurityContext(ref h);
                }
                catch
                {
                    Sspi.RevertSecurityContext(ref h);
                    throw;
                }
        """);

    [Fact]
    public Task Early_return_between_impersonate_and_finally_is_flagged() => Body("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                if (!Allowed()) return;
                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Revert_on_one_nested_branch_only_is_flagged() => Body("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                try
                {
                    if (flag)
                    {
                        if (count > 0) Work(); else Log(count);
                    }
                }
                finally
                {
                    if (count > 5) Sspi.RevertSecurityContext(ref h);
                }
        """);

    [Fact]
    public Task Loop_with_revert_after_work_per_iteration_is_flagged() => Body("""
                for (var i = 0; i < count; i++)
                {
                    if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) continue;
                    Work();
                    Sspi.RevertSecurityContext(ref h);
                }
        """);

    [Fact]
    public Task Loop_impersonating_each_turn_reverting_once_after_the_loop_is_flagged() => Body("""
                for (var i = 0; i < count; i++)
                {
                    if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                    Log(i);
                }

                Sspi.RevertSecurityContext(ref h);
        """);

    [Fact]
    public Task Switch_on_status_without_finally_is_flagged() => Body("""
                switch ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|})
                {
                    case Sspi.SEC_E_OK:
                        Work();
                        Sspi.RevertSecurityContext(ref h);
                        break;
                    default:
                        Log("no impersonation");
                        return;
                }
        """);

    [Fact]
    public Task Catch_that_swallows_then_continues_impersonated_is_flagged_Precision_12() => Body("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                try
                {
                    Work();
                    Sspi.RevertSecurityContext(ref h);
                }
                catch (Exception e)
                {
                    Log(e);
                }

                Log("done");
        """);

    [Fact]
    public Task Catch_of_one_exception_type_reverting_leaves_others_unreverted_is_flagged_Precision_12() => Body("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                try
                {
                    Work();
                }
                catch (InvalidOperationException)
                {
                    Sspi.RevertSecurityContext(ref h);
                    throw;
                }

                Sspi.RevertSecurityContext(ref h);
        """);

    [Fact]
    public Task SetThreadToken_with_a_real_token_is_not_a_revert() => Body("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                try { Work(); }
                finally { Sspi.SetThreadToken(IntPtr.Zero, token); }
        """);

    [Fact]
    public Task Owner_created_after_work_that_may_throw_is_flagged_Precision_3() => Source(Wrap("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                Work();
                using (new ImpersonationHandle(ref h))
                {
                    Work();
                }
        """), SspiBindings.ImpersonationOwner);

    [Fact]
    public Task Helper_that_does_work_after_success_is_judged_itself_Precision_2() => Source("""
        class C
        {
            static void Work() { }

            static void RunAs(ref SecHandle h)
            {
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                Work();
                Sspi.RevertSecurityContext(ref h);
            }

            static void Caller(ref SecHandle h) => RunAs(ref h);
        }
        """);

    [Fact]
    public Task Caller_of_begin_helper_returning_status_is_flagged_at_the_helper_call_Precision_2() => Source("""
        class C
        {
            static void Work() { }

            static int Begin(ref SecHandle h) => Sspi.ImpersonateSecurityContext(ref h);

            static void Caller(ref SecHandle h)
            {
                if ({|SSX004:Begin(ref h)|} != 0) return;
                Work();
                Sspi.RevertSecurityContext(ref h);
            }
        }
        """);

    [Fact]
    public Task Caller_of_throwing_begin_helper_is_flagged_at_the_helper_call_Precision_2() => Source("""
        class C
        {
            static void Work() { }

            static void BeginOrThrow(ref SecHandle h)
            {
                int status = Sspi.ImpersonateSecurityContext(ref h);
                if (status != 0) throw new System.ComponentModel.Win32Exception(status);
            }

            static void Caller(ref SecHandle h)
            {
                {|SSX004:BeginOrThrow(ref h)|};
                Work();
                Sspi.RevertSecurityContext(ref h);
            }
        }
        """);

    [Fact]
    public Task Lambda_body_is_its_own_flow_and_is_flagged_there_Precision_13() => Source("""
        class C
        {
            SecHandle context;
            static void Work() { }

            void M()
            {
                Action run = () =>
                {
                    if ({|SSX004:Sspi.ImpersonateSecurityContext(ref context)|} != 0) return;
                    Work();
                    Sspi.RevertSecurityContext(ref context);
                };
                run();
            }
        }
        """);

    [Fact]
    public Task Local_function_begin_helper_makes_its_caller_flagged_Precision_13() => Source("""
        class C
        {
            SecHandle context;
            static void Work() { }

            void M()
            {
                if ({|SSX004:Begin()|} != 0) return;
                Work();
                Sspi.RevertSecurityContext(ref context);

                int Begin() => Sspi.ImpersonateSecurityContext(ref context);
            }
        }
        """);

    // ---- Clean ---------------------------------------------------------------------------------------------------

    [Fact]
    public Task Ref_struct_revert_in_finally_is_clean() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Class_handle_revert_in_finally_is_clean() => Body("""
                if (SspiClass.ImpersonateSecurityContext(hc) != 0) return;
                try { Work(); }
                finally { SspiClass.RevertSecurityContext(hc); }
        """);

    [Fact]
    public Task SafeHandle_revert_in_finally_is_clean() => Body("""
                if (SspiSafe.ImpersonateSecurityContext(sh) != 0) return;
                try { Work(); }
                finally { SspiSafe.RevertSecurityContext(sh); }
        """);

    [Fact]
    public Task HResult_Succeeded_with_finally_is_clean() => Body("""
                if (SspiH.ImpersonateSecurityContext(in ch).Succeeded)
                {
                    try { Work(); }
                    finally { SspiH.RevertSecurityContext(in ch); }
                }
        """);

    [Fact]
    public Task HResult_ThrowIfFailed_is_not_work_and_finally_is_clean_Precision_11() => Body("""
                SspiH.ImpersonateSecurityContext(in ch).ThrowIfFailed();
                try { Work(); }
                finally { SspiH.RevertSecurityContext(in ch); }
        """);

    [Fact]
    public Task Enum_status_with_finally_is_clean() => Body("""
                if (SspiEnum.ImpersonateSecurityContext(ref h) != SecurityStatus.OK) return;
                try { Work(); }
                finally { SspiEnum.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Uint_status_with_finally_is_clean() => Body("""
                uint status = SspiEnum.ImpersonateSecurityContext(uc);
                if (status != 0) return;
                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Marshal_ThrowExceptionForHR_then_finally_is_clean_Precision_11() => Body("""
                Marshal.ThrowExceptionForHR(Sspi.ImpersonateSecurityContext(ref h));
                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Impersonate_inside_try_with_revert_in_finally_is_clean() => Body("""
                try
                {
                    if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                    Work();
                }
                finally
                {
                    Sspi.RevertSecurityContext(ref h);
                }
        """);

    [Fact]
    public Task Failure_path_needs_no_revert_is_clean() => Body("""
                var status = Sspi.ImpersonateSecurityContext(ref h);
                if (status != 0)
                {
                    Log(status);
                    return;
                }

                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Nested_branches_inside_try_finally_are_clean() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try
                {
                    if (flag)
                    {
                        if (count > 0) Work(); else Log(count);
                    }
                    else
                    {
                        Work();
                    }
                }
                finally
                {
                    Sspi.RevertSecurityContext(ref h);
                }
        """);

    [Fact]
    public Task Loop_impersonating_and_reverting_in_finally_per_iteration_is_clean() => Body("""
                for (var i = 0; i < count; i++)
                {
                    if (Sspi.ImpersonateSecurityContext(ref h) != 0) continue;
                    try { Work(); }
                    finally { Sspi.RevertSecurityContext(ref h); }
                }
        """);

    [Fact]
    public Task Switch_on_status_with_finally_is_clean() => Body("""
                switch (Sspi.ImpersonateSecurityContext(ref h))
                {
                    case Sspi.SEC_E_OK:
                        break;
                    default:
                        return;
                }

                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Catch_revert_rethrow_plus_revert_after_try_is_clean_Precision_12() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try
                {
                    Work();
                }
                catch
                {
                    Sspi.RevertSecurityContext(ref h);
                    throw;
                }

                Sspi.RevertSecurityContext(ref h);
        """);

    [Fact]
    public Task Correlated_bool_parameter_is_clean_Precision_4() => Body("""
                if (flag) { if (Sspi.ImpersonateSecurityContext(ref h) != 0) throw new InvalidOperationException(); }
                try { Work(); }
                finally { if (flag) Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Correlated_success_flag_local_is_clean_Precision_4() => Body("""
                bool ok = Sspi.ImpersonateSecurityContext(ref h) == 0;
                try { if (ok) Work(); }
                finally { if (ok) Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Correlated_constant_flag_set_after_success_is_clean_Precision_4() => Body("""
                var impersonating = false;
                try
                {
                    if (Sspi.ImpersonateSecurityContext(ref h) == 0)
                    {
                        impersonating = true;
                        Work();
                    }
                }
                finally
                {
                    if (impersonating) Sspi.RevertSecurityContext(ref h);
                }
        """);

    [Fact]
    public Task RevertToSelf_counts_as_revert() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally { Sspi.RevertToSelf(); }
        """);

    [Fact]
    public Task SetThreadToken_with_null_token_counts_as_revert() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally { Sspi.SetThreadToken(IntPtr.Zero, IntPtr.Zero); }
        """);

    [Fact]
    public Task Revert_through_a_different_handle_expression_is_clean_Precision_7() => Source("""
        class Session { public SecHandle Context; public Session Inner = null!; }

        class C
        {
            static void Work() { }

            void M(Session session)
            {
                if (Sspi.ImpersonateSecurityContext(ref session.Context) != 0) return;
                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref session.Inner.Context); }
            }
        }
        """);

    [Fact]
    public Task Begin_helper_returning_status_is_not_reported_and_caller_with_finally_is_clean_Precision_2() => Source("""
        class C
        {
            static void Work() { }

            static int Begin(ref SecHandle h) => Sspi.ImpersonateSecurityContext(ref h);

            static void Caller(ref SecHandle h)
            {
                if (Begin(ref h) != 0) return;
                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """);

    [Fact]
    public Task Throwing_begin_helper_and_caller_with_finally_are_clean_Precision_2() => Source("""
        class C
        {
            static void Work() { }

            static void BeginOrThrow(ref SecHandle h)
            {
                int status = Sspi.ImpersonateSecurityContext(ref h);
                if (status != 0) throw new System.ComponentModel.Win32Exception(status);
            }

            static void Caller(ref SecHandle h)
            {
                BeginOrThrow(ref h);
                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """);

    [Fact]
    public Task Lambda_with_finally_is_clean_Precision_13() => Source("""
        class C
        {
            SecHandle context;
            static void Work() { }

            void M()
            {
                Action run = () =>
                {
                    if (Sspi.ImpersonateSecurityContext(ref context) != 0) return;
                    try { Work(); }
                    finally { Sspi.RevertSecurityContext(ref context); }
                };
                run();
            }
        }
        """);

    [Fact]
    public Task Result_stored_to_field_and_reverted_in_finally_is_clean() => Source("""
        class C
        {
            int lastStatus;
            static void Work() { }

            void M(ref SecHandle h)
            {
                lastStatus = Sspi.ImpersonateSecurityContext(ref h);
                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """);

    // ---- Former engine gaps: fixed in the engine, kept as regression tests ----------------------------------

    // Precision 3: an owner created right after success takes over the revert; "may throw" = object creations other than the owner.
    [Fact]
    public Task Owner_created_right_after_success_in_using_is_clean_Precision_3() => Source(Wrap("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                using (new ImpersonationHandle(ref h))
                {
                    Work();
                }
        """), SspiBindings.ImpersonationOwner);

    // Precision 3: same, with a using declaration.
    [Fact]
    public Task Owner_in_using_declaration_is_clean_Precision_3() => Source(Wrap("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                using var scope = new ImpersonationHandle(ref h);
                Work();
        """), SspiBindings.ImpersonationOwner);

    // Precision 3: a same-compilation factory that begins and returns an owner is summarized; neither it nor its caller is reported.
    [Fact]
    public Task Factory_returning_owner_is_clean_Precision_3() => Source(Wrap("""
                using (ImpersonationScopes.Begin(ref h))
                {
                    Work();
                }
        """), SspiBindings.ImpersonationOwner, SspiBindings.ImpersonationOwnerFactory);

    // RULES.md "What the analyzer must recognize": a helper that wraps the revert counts as the revert at its call (the API call itself is not may-throw).
    [Fact]
    public Task Revert_helper_in_finally_is_clean() => Source("""
        class C
        {
            static void Work() { }

            static void End(ref SecHandle h) => Sspi.RevertSecurityContext(ref h);

            static void M(ref SecHandle h)
            {
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally { End(ref h); }
            }
        }
        """);

    // Precision 13: a local function is summarized like any helper; its call is the revert.
    [Fact]
    public Task Local_function_revert_in_finally_is_clean_Precision_13() => Source("""
        class C
        {
            SecHandle context;
            static void Work() { }

            void M()
            {
                if (Sspi.ImpersonateSecurityContext(ref context) != 0) return;
                try { Work(); }
                finally { Undo(); }

                void Undo() => Sspi.RevertSecurityContext(ref context);
            }
        }
        """);

    // SSX004 + Precision 2: the method does work after success (on its other path), so it is judged itself; the early return leaves impersonating.
    [Fact]
    public Task Early_return_right_after_success_in_a_method_that_reverts_elsewhere_is_flagged() => Body("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                if (flag) return;
                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
        """);

    // Precision 13: a lambda is its own flow; a lambda declared inside the impersonated try must not crash the analyzer (it once did: AD0001 from exception routing into the enclosing method's regions).
    [Fact]
    public Task Lambda_created_inside_the_impersonated_try_is_its_own_flow_Precision_13() => Source("""
        class C
        {
            SecHandle context;
            static void Work() { }

            void M()
            {
                if (Sspi.ImpersonateSecurityContext(ref context) != 0) return;
                try
                {
                    Action later = () => Work();
                    Work();
                }
                finally
                {
                    Sspi.RevertSecurityContext(ref context);
                }
            }
        }
        """);

    // Precision 3: a factory's call is an impersonate event whose revert is the owner's Dispose; a Dispose only in
    // straight-line code after the work is not every path.
    [Fact]
    public Task Factory_owner_disposed_only_after_work_is_flagged_at_the_factory_call_Precision_3() => Source(Wrap("""
                var scope = {|SSX004:ImpersonationScopes.Begin(ref h)|};
                Work();
                scope.Dispose();
        """), SspiBindings.ImpersonationOwner, SspiBindings.ImpersonationOwnerFactory);

    // ---- Chains of partial tests add up (Precision 18; issue: NSspi-style code) ---------------------------------

    [Fact]
    public Task Chain_of_partial_tests_that_throw_then_revert_in_finally_is_clean_Precision_18() => Body("""
                var status = Sspi.ImpersonateSecurityContext(ref h);
                if (status == Sspi.SEC_E_NO_IMPERSONATION) throw new InvalidOperationException("no impersonation");
                if (status == unchecked((int)0x80090302)) throw new NotSupportedException();
                if (status != Sspi.SEC_E_OK) throw new System.ComponentModel.Win32Exception(status);
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Partial_test_that_returns_needs_no_revert_on_its_branch_Precision_18() => Body("""
                var status = Sspi.ImpersonateSecurityContext(ref h);
                if (status == Sspi.SEC_E_NO_IMPERSONATION) return;
                if (status != 0) return;
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Chain_on_an_unsigned_enum_status_is_clean_Precision_18() => Body("""
                var status = SspiEnum.ImpersonateSecurityContext(ref h);
                if (status == SecurityStatus.NoImpersonation) throw new InvalidOperationException();
                if (status == SecurityStatus.InvalidHandle) throw new ObjectDisposedException("context");
                if (status != SecurityStatus.OK) throw new System.ComponentModel.Win32Exception((int)status);
                try { Work(); } finally { SspiEnum.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Chain_in_a_switch_whose_default_throws_is_clean_Precision_18() => Body("""
                var status = Sspi.ImpersonateSecurityContext(ref h);
                switch (status)
                {
                    case Sspi.SEC_E_OK:
                        break;
                    case Sspi.SEC_E_NO_IMPERSONATION:
                        throw new InvalidOperationException();
                    default:
                        throw new System.ComponentModel.Win32Exception(status);
                }

                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Chain_in_a_server_loop_that_continues_on_failure_is_clean_Precision_18() => Body("""
                for (var i = 0; i < count; i++)
                {
                    var status = Sspi.ImpersonateSecurityContext(ref h);
                    if (status == Sspi.SEC_E_NO_IMPERSONATION) continue;
                    if (status < 0) { Log(status); continue; }
                    try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
                }
        """);

    [Fact]
    public Task Chain_through_a_checker_helper_that_throws_on_failure_is_clean_Precision_6_18() => Source("""
        class C
        {
            static void Work() { }

            static void Check(int status)
            {
                if (status == Sspi.SEC_E_NO_IMPERSONATION) throw new InvalidOperationException();
                if (status != Sspi.SEC_E_OK) throw new System.ComponentModel.Win32Exception(status);
            }

            void M(ref SecHandle h)
            {
                Check(Sspi.ImpersonateSecurityContext(ref h));
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """);

    [Fact]
    public Task Chain_that_leaves_on_partial_tests_but_reverts_only_after_work_is_still_flagged_C_SSPI_3() => Body("""
                var status = {|SSX004:Sspi.ImpersonateSecurityContext(ref h)|};
                if (status == Sspi.SEC_E_NO_IMPERSONATION) throw new InvalidOperationException();
                if (status != Sspi.SEC_E_OK) throw new System.ComponentModel.Win32Exception(status);
                Work();
                Sspi.RevertSecurityContext(ref h);
        """);

    [Fact]
    public Task Partial_test_whose_staying_branch_returns_while_impersonating_is_flagged_C_SSPI_3() => Body("""
                var status = {|SSX004:Sspi.ImpersonateSecurityContext(ref h)|};
                if (status == Sspi.SEC_E_NO_IMPERSONATION) throw new InvalidOperationException();
                if (flag) return;
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    // ---- Out of sight is silent, in sight is judged (issue 14, class 9) ------------------------------------------

    [Fact]
    public Task A_method_of_this_compilation_named_Revert_that_reverts_nothing_is_no_revert_C_SSPI_3() => Source("""
        class C
        {
            static void Work() { }
            static void RevertChanges() { System.Console.WriteLine("rolled back"); }

            void M(ref SecHandle h)
            {
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                try { Work(); } finally { RevertChanges(); }
            }
        }
        """);

    [Fact]
    public Task An_interface_call_named_Revert_may_revert_and_stays_silent() => Source("""
        interface ISession { void RevertClientContext(); }

        class C
        {
            static void Work() { }

            void M(ref SecHandle h, ISession session)
            {
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); } finally { session.RevertClientContext(); }
            }
        }
        """);
}
