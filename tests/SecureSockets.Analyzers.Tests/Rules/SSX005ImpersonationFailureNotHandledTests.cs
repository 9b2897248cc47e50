using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX005>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX005: ImpersonateSecurityContext / WSAImpersonateSocketPeer failure not handled (C-SSPI-5, C-ALL-2).</summary>
public class SSX005ImpersonationFailureNotHandledTests
{
    /// <summary>Every binding shape: SSPI ref struct, enum/uint, HRESULT struct, class handle, SafeHandle; peer IntPtr and SafeSocketHandle.</summary>
    private static readonly string[] Shapes =
    {
        Bindings.DllImport, SspiBindings.DllImportRefStruct, SspiBindings.EnumStatus, SspiBindings.HResultStruct, SspiBindings.ClassHandle,
        SspiBindings.SafeHandleHeld,
    };

    /// <summary>A method body over every binding shape (flagged or clean: the markup decides).</summary>
    private static Task Body(string body) => V.AnalyzerAsync(Wrap(body), Shapes);

    private static Task Source(string source, params string[] extra) => V.AnalyzerAsync(source, [.. Shapes, .. extra]);

    private static string Wrap(string body) => $$"""
        class C
        {
            static void Work() { }
            static void Log(object o) { }

            void M(ref SecHandle h, SecHandleClass hc, SafeContextHandle sh, CtxtHandle ch, CtxtHandleClass uc, IntPtr s, SafeSocketHandle ss, bool flag, int count)
            {
        {{body}}
            }
        }
        """;

    // ---- Flagged: discarded (C-SSPI-5, C-ALL-2) -----------------------------------------------------------------

    [Fact]
    public Task Ref_struct_status_discarded_is_flagged_C_SSPI_5() => Body("""
                {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Status_assigned_to_discard_is_flagged_C_SSPI_5() => Body("""
                _ = {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Status_in_local_never_read_is_flagged_C_SSPI_5() => Body("""
                var status = {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Status_in_local_never_read_and_no_work_is_flagged_C_SSPI_5() => Body("""
                var status = {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                Sspi.RevertSecurityContext(ref h);
        """);

    [Fact]
    public Task Class_handle_status_discarded_is_flagged_C_SSPI_5() => Body("""
                {|SSX005:SspiClass.ImpersonateSecurityContext(hc)|};
                try { Work(); } finally { SspiClass.RevertSecurityContext(hc); }
        """);

    [Fact]
    public Task SafeHandle_status_discarded_is_flagged_C_SSPI_5() => Body("""
                {|SSX005:SspiSafe.ImpersonateSecurityContext(sh)|};
                try { Work(); } finally { SspiSafe.RevertSecurityContext(sh); }
        """);

    [Fact]
    public Task HResult_status_discarded_is_flagged_C_SSPI_5() => Body("""
                {|SSX005:SspiH.ImpersonateSecurityContext(in ch)|};
                try { Work(); } finally { SspiH.RevertSecurityContext(in ch); }
        """);

    [Fact]
    public Task Enum_status_discarded_is_flagged_C_SSPI_5() => Body("""
                {|SSX005:SspiEnum.ImpersonateSecurityContext(ref h)|};
                try { Work(); } finally { SspiEnum.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Uint_status_discarded_is_flagged_C_SSPI_5() => Body("""
                {|SSX005:SspiEnum.ImpersonateSecurityContext(uc)|};
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Peer_status_discarded_is_flagged_C_ALL_2() => Body("""
                {|SSX005:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|};
                try { Work(); } finally { Native.WSARevertImpersonation(); }
        """);

    [Fact]
    public Task Peer_SafeSocketHandle_status_discarded_is_flagged_C_ALL_2() => Body("""
                _ = {|SSX005:PeerSafe.WSAImpersonateSocketPeer(ss, IntPtr.Zero, 0)|};
                try { Work(); } finally { PeerSafe.WSARevertImpersonation(); }
        """);

    // ---- Flagged: the failure path rejoins the work -----------------------------------------------------------

    [Fact]
    public Task Failure_branch_logs_then_rejoins_the_work_is_flagged_C_SSPI_5() => Body("""
                var status = {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                if (status != 0) Log(status);
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task HResult_Failed_logged_then_rejoins_the_work_is_flagged_C_SSPI_5() => Body("""
                var hr = {|SSX005:SspiH.ImpersonateSecurityContext(in ch)|};
                if (hr.Failed) Log("impersonation failed");
                try { Work(); } finally { SspiH.RevertSecurityContext(in ch); }
        """);

    [Fact]
    public Task Peer_SOCKET_ERROR_logged_then_rejoins_the_work_is_flagged_C_ALL_2() => Body("""
                if ({|SSX005:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} == Native.SOCKET_ERROR)
                {
                    Log(Native.WSAGetLastError());
                }

                try { Work(); } finally { Native.WSARevertImpersonation(); }
        """);

    [Fact]
    public Task Only_SEC_E_NO_IMPERSONATION_excluded_is_not_a_test_Precision_10() => Body("""
                var status = {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                if (status == Sspi.SEC_E_NO_IMPERSONATION) return;
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Switch_excluding_only_one_failure_code_is_not_a_test_Precision_10() => Body("""
                var status = {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                switch (status)
                {
                    case Sspi.SEC_E_NO_IMPERSONATION:
                        return;
                }

                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Work_before_the_first_test_is_flagged_Precision_10() => Body("""
                var status = {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                Work();
                if (status != 0) return;
                Sspi.RevertSecurityContext(ref h);
        """);

    [Fact]
    public Task Throw_swallowed_by_a_catch_before_the_work_is_not_leaving_Precision_6() => Body("""
                try
                {
                    if ({|SSX005:Sspi.ImpersonateSecurityContext(ref h)|} != 0) throw new InvalidOperationException("not impersonated");
                }
                catch (InvalidOperationException e)
                {
                    Log(e.Message);
                }

                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Loop_failure_logged_then_work_is_flagged() => Body("""
                for (var i = 0; i < count; i++)
                {
                    var status = {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                    if (status != 0) Log(status);
                    try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
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
                    {|SSX005:Sspi.ImpersonateSecurityContext(ref context)|};
                    try { Work(); } finally { Sspi.RevertSecurityContext(ref context); }
                };
                run();
            }
        }
        """);

    [Fact]
    public Task Caller_of_begin_helper_logging_failure_then_working_is_flagged_Precision_2() => Source("""
        class C
        {
            static void Work() { }
            static void Log(object o) { }

            static int Begin(ref SecHandle h) => Sspi.ImpersonateSecurityContext(ref h);

            static void Caller(ref SecHandle h)
            {
                var status = {|SSX005:Begin(ref h)|};
                if (status != 0) Log(status);
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """);

    [Fact]
    public Task Caller_discarding_begin_helper_status_is_flagged_Precision_2() => Source("""
        class C
        {
            static void Work() { }

            static int Begin(ref SecHandle h) => Sspi.ImpersonateSecurityContext(ref h);

            static void Caller(ref SecHandle h)
            {
                {|SSX005:Begin(ref h)|};
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """);

    // ---- Clean: handled -----------------------------------------------------------------------------------------

    [Fact]
    public Task Return_on_failure_is_clean() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Throw_on_failure_is_clean() => Body("""
                var status = Sspi.ImpersonateSecurityContext(ref h);
                if (status != Sspi.SEC_E_OK) throw new System.ComponentModel.Win32Exception(status);
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Less_than_zero_test_is_clean_Precision_6() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) < 0) return;
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Work_only_in_success_branch_is_clean() => Body("""
                if (Sspi.ImpersonateSecurityContext(ref h) == 0)
                {
                    try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
                }
                else
                {
                    Log("not impersonated");
                }
        """);

    [Fact]
    public Task Break_on_failure_is_clean() => Body("""
                while (count-- > 0)
                {
                    if (Sspi.ImpersonateSecurityContext(ref h) != 0) break;
                    try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
                }
        """);

    [Fact]
    public Task Continue_on_failure_is_clean() => Body("""
                for (var i = 0; i < count; i++)
                {
                    if (Sspi.ImpersonateSecurityContext(ref h) != 0) continue;
                    try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
                }
        """);

    [Fact]
    public Task Marshal_ThrowExceptionForHR_is_clean_Precision_6() => Body("""
                int hr = Sspi.ImpersonateSecurityContext(ref h);
                Marshal.ThrowExceptionForHR(hr);
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task HResult_ThrowIfFailed_is_clean_Precision_6() => Body("""
                var hr = SspiH.ImpersonateSecurityContext(in ch);
                hr.ThrowIfFailed();
                try { Work(); } finally { SspiH.RevertSecurityContext(in ch); }
        """);

    [Fact]
    public Task HResult_Failed_return_is_clean_Precision_6() => Body("""
                if (SspiH.ImpersonateSecurityContext(in ch).Failed) return;
                try { Work(); } finally { SspiH.RevertSecurityContext(in ch); }
        """);

    [Fact]
    public Task HResult_compared_with_S_OK_is_clean_Precision_6() => Body("""
                if (SspiH.ImpersonateSecurityContext(in ch) != HRESULT.S_OK) return;
                try { Work(); } finally { SspiH.RevertSecurityContext(in ch); }
        """);

    [Fact]
    public Task Enum_member_test_is_clean_Precision_6() => Body("""
                var status = SspiEnum.ImpersonateSecurityContext(ref h);
                if (status != SecurityStatus.OK) throw new InvalidOperationException(status.ToString());
                try { Work(); } finally { SspiEnum.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Uint_status_test_is_clean() => Body("""
                if (SspiEnum.ImpersonateSecurityContext(uc) != 0u) return;
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Class_handle_test_is_clean() => Body("""
                if (SspiClass.ImpersonateSecurityContext(hc) != 0) return;
                try { Work(); } finally { SspiClass.RevertSecurityContext(hc); }
        """);

    [Fact]
    public Task Switch_with_default_leaving_is_clean_Precision_6() => Body("""
                switch (Sspi.ImpersonateSecurityContext(ref h))
                {
                    case Sspi.SEC_E_OK:
                        try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
                        break;
                    default:
                        Log("no impersonation");
                        return;
                }
        """);

    [Fact]
    public Task Peer_SOCKET_ERROR_throw_is_clean() => Body("""
                if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                try { Work(); } finally { Native.WSARevertImpersonation(); }
        """);

    [Fact]
    public Task Success_flag_stored_then_tested_is_clean_Precision_5() => Body("""
                bool impersonating = Sspi.ImpersonateSecurityContext(ref h) == 0;
                if (!impersonating) return;
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task DangerousRelease_before_the_test_is_bookkeeping_Precision_10() => Body("""
                bool added = false;
                sh.DangerousAddRef(ref added);
                int status = SspiSafe.ImpersonateSecurityContext(sh);
                sh.DangerousRelease();
                if (status != 0) return;
                try { Work(); } finally { SspiSafe.RevertSecurityContext(sh); }
        """);

    [Fact]
    public Task Check_helper_that_calls_out_while_throwing_is_clean_Precision_6() => Source("""
        class C
        {
            static void Work() { }

            static void Check(int status)
            {
                if (status != 0) throw new System.ComponentModel.Win32Exception(status, Describe(status));
            }

            static string Describe(int status) => status.ToString("X8");

            void M(ref SecHandle h)
            {
                int status = Sspi.ImpersonateSecurityContext(ref h);
                Check(status);
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """);

    [Fact]
    public Task Status_returned_to_the_caller_is_clean() => Source("""
        class C
        {
            static int Begin(ref SecHandle h) => Sspi.ImpersonateSecurityContext(ref h);

            static int BeginLocal(ref SecHandle h)
            {
                var status = Sspi.ImpersonateSecurityContext(ref h);
                return status;
            }

            static bool TryBegin(ref SecHandle h) => Sspi.ImpersonateSecurityContext(ref h) == 0;
        }
        """);

    [Fact]
    public Task Status_stored_to_field_is_silent_Precision_6() => Source("""
        class C
        {
            int lastStatus;
            static void Work() { }

            void M(ref SecHandle h)
            {
                lastStatus = Sspi.ImpersonateSecurityContext(ref h);
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """);

    [Fact]
    public Task Status_stored_to_out_parameter_is_silent_Precision_6() => Source("""
        class C
        {
            static void Work() { }

            void M(ref SecHandle h, out int status)
            {
                status = Sspi.ImpersonateSecurityContext(ref h);
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """);

    [Fact]
    public Task Begin_helper_caller_testing_the_status_is_clean_Precision_2() => Source("""
        class C
        {
            static void Work() { }

            static int Begin(ref SecHandle h) => Sspi.ImpersonateSecurityContext(ref h);

            static void Caller(ref SecHandle h)
            {
                if (Begin(ref h) != 0) return;
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """);

    [Fact]
    public Task Factory_that_throws_on_failure_is_clean_Precision_3() => Source(Wrap("""
                using (ImpersonationScopes.Begin(ref h))
                {
                    Work();
                }
        """), SspiBindings.ImpersonationOwner, SspiBindings.ImpersonationOwnerFactory);

    [Fact]
    public Task Tested_then_passed_on_is_decided_by_the_test_Precision_6() => Body("""
                var status = Sspi.ImpersonateSecurityContext(ref h);
                if (status != 0) return;
                Log(status);
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    // ---- Former engine gaps: fixed in the engine, kept as regression tests ----------------------------------

    // Precision 6: a result passed to a method we cannot see into leaves our sight: stay silent.
    [Fact]
    public Task Status_passed_to_a_method_we_cannot_see_into_is_silent_Precision_6() => Source("""
        interface IStatusSink { void Observe(int status); }

        class C
        {
            static void Work() { }

            void M(ref SecHandle h, IStatusSink sink)
            {
                var status = Sspi.ImpersonateSecurityContext(ref h);
                sink.Observe(status);
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """);

    // Precision 6: a summarized helper that throws on failure handles the failure for its caller (issue's own example).
    [Fact]
    public Task Same_compilation_check_helper_is_clean_Precision_6() => Source("""
        class C
        {
            static void Work() { }

            static void Check(int status)
            {
                if (status != 0) throw new System.ComponentModel.Win32Exception(status);
            }

            void M(ref SecHandle h)
            {
                int status = Sspi.ImpersonateSecurityContext(ref h);
                Check(status);
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """);

    // Precision 6: same helper, given the call itself.
    [Fact]
    public Task Check_helper_called_with_the_call_is_clean_Precision_6() => Source("""
        class C
        {
            static void Work() { }

            static void Check(int status)
            {
                if (status != 0) throw new System.ComponentModel.Win32Exception(status);
            }

            void M(ref SecHandle h)
            {
                Check(Sspi.ImpersonateSecurityContext(ref h));
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """);

    // ---- Chains of partial tests add up (Precision 18) ------------------------------------------------------------

    [Fact]
    public Task Chain_of_partial_tests_ending_in_a_complete_one_is_a_test_Precision_18() => Body("""
                var status = Sspi.ImpersonateSecurityContext(ref h);
                if (status == Sspi.SEC_E_NO_IMPERSONATION) throw new InvalidOperationException();
                if (status == unchecked((int)0x80090302)) throw new NotSupportedException();
                if (status != Sspi.SEC_E_OK) throw new System.ComponentModel.Win32Exception(status);
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Chain_on_an_unsigned_enum_status_is_a_test_Precision_18() => Body("""
                var status = SspiEnum.ImpersonateSecurityContext(ref h);
                if (status == SecurityStatus.NoImpersonation) return;
                if (status == SecurityStatus.InvalidHandle) return;
                if (status != SecurityStatus.OK) return;
                try { Work(); } finally { SspiEnum.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Chain_that_misses_the_complete_test_before_the_work_is_flagged_Precision_10_18() => Body("""
                var status = {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                if (status == Sspi.SEC_E_NO_IMPERSONATION) throw new InvalidOperationException();
                if (status == unchecked((int)0x80090302)) throw new NotSupportedException();
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task Winsock_status_tested_against_anything_but_SOCKET_ERROR_first_is_a_complete_test_when_it_is_0_or_minus_1() => Body("""
                var rc = Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0);
                if (rc == Native.SOCKET_ERROR) return;
                try { Work(); } finally { Native.WSARevertImpersonation(); }
        """);

    // ---- One finding, one report (Precision 22) ---------------------------------------------------------------------

    private const string ServerLoop = """
        class C
        {
            static int Receive() => 0;
            static void SendError(int request) { }
            static void Work(int request) { }

            void Serve(ref SecHandle h)
            {
                while (true)
                {
                    var request = Receive();
                    if ({|#0:Sspi.ImpersonateSecurityContext(ref h)|} != 0)
                    {
                        SendError(request);
                        continue;
                    }

                    Work(request);
                    REVERT
                }
            }
        }
        """;

    [Fact]
    public Task Failure_branch_that_continues_a_server_loop_is_not_a_rejoin_when_the_success_path_misses_its_revert_Precision_22()
        => V.AnalyzerAsync(ServerLoop.Replace("{|#0:", "", System.StringComparison.Ordinal).Replace("|} != 0", " != 0", System.StringComparison.Ordinal).Replace("REVERT", "", System.StringComparison.Ordinal), Shapes);

    [Fact]
    public Task The_missing_revert_itself_is_reported_once_as_SSX004_Precision_22()
        => Verify<AllRules, SSX004>.AnalyzerAsync(ServerLoop.Replace("{|#0:", "{|SSX004:", System.StringComparison.Ordinal).Replace("REVERT", "", System.StringComparison.Ordinal), Shapes);

    [Fact]
    public Task Failure_branch_that_rejoins_the_work_in_the_same_turn_is_still_flagged_C_SSPI_5() => Body("""
                while (count-- > 0)
                {
                    if ({|SSX005:Sspi.ImpersonateSecurityContext(ref h)|} != 0)
                    {
                        Log("impersonation failed");
                    }

                    try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
                }
        """);
}
