using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX007>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX007: WSASetSocketSecurity / WSASetSocketPeerTargetName failure not handled (C-ALL-2).</summary>
public class SSX007SecureCallFailureNotHandledTests
{
    /// <summary>Binding shapes: hand-written DllImport (int), LibraryImport, entry-point renamed, WSRESULT struct and enum status.</summary>
    private static readonly string[] Shapes =
    {
        Bindings.DllImport, Bindings.LibraryImport, Bindings.EntryPointRenamed, SspiBindings.WinsockStatusShapes,
    };

    /// <summary>A method body over every binding shape (flagged or clean: the markup decides).</summary>
    private static Task Body(string body) => V.AnalyzerAsync(Wrap(body), Shapes);

    private static Task Source(string source) => V.AnalyzerAsync(source, Shapes);

    private static string Wrap(string body) => $$"""
        class C
        {
            static void Log(object o) { }

            void M(IntPtr addr, IntPtr settings, IntPtr name, bool flag, int count, byte[] buf, IPEndPoint ep)
            {
        {{body}}
            }
        }
        """;

    // ---- Flagged: discarded (C-ALL-2) ---------------------------------------------------------------------------

    [Fact]
    public Task Secure_result_discarded_then_connect_is_flagged_C_ALL_2() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Secure_result_assigned_to_discard_is_flagged_C_ALL_2() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                _ = {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Secure_result_discarded_without_a_connect_is_flagged_C_ALL_2() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Target_name_result_discarded_is_flagged_C_ALL_2() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                {|SSX007:Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task LibraryImport_result_discarded_is_flagged_C_ALL_2() => Body("""
                nint s = Interop.socket(2, 1, 6);
                {|SSX007:Interop.WSASetSocketSecurity(s, 0, 0, 0, 0)|};
                Interop.connect(s, addr, 16);
        """);

    [Fact]
    public Task Entry_point_renamed_result_discarded_is_flagged_Precision_1() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                {|SSX007:Renamed.ApplySecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                Renamed.NativeConnect(s, addr, 16);
        """);

    [Fact]
    public Task WSAIoctl_SIO_SET_SECURITY_result_discarded_is_flagged_C_SEC_10() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                {|SSX007:Native.WSAIoctl(s, Native.SIO_SET_SECURITY, settings, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task WSRESULT_struct_result_discarded_is_flagged_C_ALL_2() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                {|SSX007:WsStruct.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Enum_status_result_discarded_is_flagged_C_ALL_2() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                {|SSX007:WsEnum.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Managed_socket_handle_result_discarded_is_flagged_C_ALL_2() => Body("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                {|SSX007:Native.WSASetSocketSecurity(sock.Handle, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                sock.Connect(ep);
        """);

    // ---- Flagged: the failure path goes on to bind / connect / send ---------------------------------------------

    [Fact]
    public Task Deliberate_fallback_logging_then_connect_is_flagged_C_ALL_2() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                if (rc != 0) Log("no IPsec");
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Fallback_then_bind_on_a_server_socket_is_flagged_C_ALL_2() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if ({|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|} == Native.SOCKET_ERROR)
                {
                    Log(Native.WSAGetLastError());
                }

                Native.bind(s, addr, 16);
                Native.listen(s, 5);
        """);

    [Fact]
    public Task Fallback_then_sendto_on_a_connectionless_socket_is_flagged_C_ALL_2() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_DGRAM, Native.IPPROTO_UDP);
                var rc = {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                if (rc != 0) Log("no IPsec");
                Native.sendto(s, buf, buf.Length, 0, addr, 16);
        """);

    [Fact]
    public Task Target_name_fallback_then_connect_is_flagged_C_ALL_2() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                var rc = {|SSX007:Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
                if (rc != 0) Log("no target name");
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task WSRESULT_Failed_logged_then_connect_is_flagged_C_ALL_2() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var r = {|SSX007:WsStruct.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                if (r.Failed) Log("no IPsec");
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Enum_status_failure_logged_then_connect_is_flagged_C_ALL_2() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var st = {|SSX007:WsEnum.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                if (st != WinsockStatus.Success) Log(st);
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Managed_socket_fallback_then_Connect_is_flagged_C_ALL_2() => Body("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                var rc = {|SSX007:Native.WSASetSocketSecurity(sock.Handle, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                if (rc != 0) Log("no IPsec");
                sock.Connect(ep);
        """);

    [Fact]
    public Task Result_tested_only_after_the_connect_is_flagged_Precision_10() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
                if (rc != 0) return;
        """);

    [Fact]
    public Task Result_in_local_never_read_is_flagged_C_ALL_2() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Result_in_local_never_read_then_connect_is_flagged_C_ALL_2() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Comparison_with_one_error_code_only_is_not_a_test_Precision_10() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                if (rc == 10022) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Connect_through_alias_on_failure_path_is_flagged_Precision_14() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var t = s;
                var rc = {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                if (rc != 0) Log("no IPsec");
                Native.connect(t, addr, 16);
        """);

    [Fact]
    public Task Throw_swallowed_by_a_catch_before_connect_is_flagged_Precision_6() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                try
                {
                    if ({|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|} != 0)
                    {
                        throw new SocketException(Native.WSAGetLastError());
                    }
                }
                catch (SocketException e)
                {
                    Log(e.Message);
                }

                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Loop_of_fresh_sockets_discarding_each_result_is_flagged() => Body("""
                for (var i = 0; i < count; i++)
                {
                    var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                    Native.connect(s, addr, 16);
                }
        """);

    [Fact]
    public Task Lambda_body_is_its_own_flow_and_is_flagged_there_Precision_13() => Source("""
        class C
        {
            static void Log(object o) { }

            void M(IntPtr addr)
            {
                Action<IntPtr> open = s =>
                {
                    var rc = {|SSX007:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                    if (rc != 0) Log("no IPsec");
                    Native.connect(s, addr, 16);
                };
                open(Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP));
            }
        }
        """);

    [Fact]
    public Task Lambda_declared_inside_a_try_is_its_own_flow_Precision_13() => Source("""
        class C
        {
            static void Log(object o) { }

            void M(IntPtr addr)
            {
                try
                {
                    Action<IntPtr> open = s =>
                    {
                        var rc = {|SSX007:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                        if (rc != 0) Log("no IPsec");
                        Native.connect(s, addr, 16);
                    };
                    open(Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP));
                }
                catch (SocketException e)
                {
                    Log(e);
                }
            }
        }
        """);

    // ---- Clean ---------------------------------------------------------------------------------------------------

    [Fact]
    public Task Checked_then_connect_is_clean() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task SOCKET_ERROR_throw_then_connect_is_clean() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero);
                if (rc == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Failure_logged_and_returned_is_clean() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero);
                if (rc != 0)
                {
                    Log(Native.WSAGetLastError());
                    Native.closesocket(s);
                    return;
                }

                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Connect_only_on_the_success_branch_is_clean() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero) == 0)
                {
                    Native.connect(s, addr, 16);
                }
                else
                {
                    Log("no IPsec");
                }
        """);

    [Fact]
    public Task Target_name_checked_then_connect_is_clean() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                if (Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task LibraryImport_checked_then_connect_is_clean() => Body("""
                nint s = Interop.socket(2, 1, 6);
                if (Interop.WSASetSocketSecurity(s, 0, 0, 0, 0) != 0) return;
                if (Interop.SetPeerTargetName(s, 0, 0, 0, 0) != 0) return;
                Interop.connect(s, addr, 16);
        """);

    [Fact]
    public Task WSAIoctl_checked_then_connect_is_clean() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSAIoctl(s, Native.SIO_SET_SECURITY, settings, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task WSRESULT_ThrowIfFailed_then_connect_is_clean_Precision_6() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                WsStruct.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero).ThrowIfFailed();
                WsStruct.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero).ThrowIfFailed();
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task WSRESULT_Failed_return_then_connect_is_clean_Precision_6() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var r = WsStruct.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero);
                if (r.Failed) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task WSRESULT_Succeeded_branch_connects_is_clean_Precision_6() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (WsStruct.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero).Succeeded)
                {
                    Native.connect(s, addr, 16);
                }
        """);

    [Fact]
    public Task Enum_status_tested_then_connect_is_clean_Precision_6() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (WsEnum.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero) != WinsockStatus.Success) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Switch_on_result_then_connect_is_clean_Precision_6() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                switch (Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero))
                {
                    case 0:
                        break;
                    default:
                        return;
                }

                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Success_flag_stored_then_tested_is_clean_Precision_5() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                bool secured = Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero) == 0;
                if (!secured) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task FreeHGlobal_before_the_test_is_bookkeeping_Precision_10() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var buffer = Marshal.AllocHGlobal(64);
                var rc = Native.WSASetSocketSecurity(s, buffer, 64, IntPtr.Zero, IntPtr.Zero);
                Marshal.FreeHGlobal(buffer);
                if (rc != 0) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Socket_replaced_by_a_fresh_one_on_failure_before_connect_is_clean_Precision_16() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                {
                    Native.closesocket(s);
                    s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                }

                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Result_returned_to_the_caller_is_clean() => Source("""
        class C
        {
            static int Secure(IntPtr s) => Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);

            static int SecureAndName(IntPtr s, IntPtr name)
            {
                var rc = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                if (rc != 0) return rc;
                return Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero);
            }

            static bool TrySecure(IntPtr s) => Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == 0;
        }
        """);

    [Fact]
    public Task Result_passed_to_an_unknown_method_before_testing_is_silent_Precision_6() => Source("""
        interface IResultPolicy { void Ensure(int rc); }

        class C
        {
            void M(IntPtr addr, IResultPolicy policy)
            {
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                policy.Ensure(rc);
                Native.connect(s, addr, 16);
            }
        }
        """);

    [Fact]
    public Task Result_stored_to_field_is_silent_Precision_6() => Source("""
        class C
        {
            int lastResult;

            void M(IntPtr addr)
            {
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                lastResult = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                Native.connect(s, addr, 16);
            }
        }
        """);

    [Fact]
    public Task Same_compilation_check_helper_is_clean_Precision_6() => Source("""
        class C
        {
            static void Check(int rc)
            {
                if (rc != 0) throw new SocketException(Native.WSAGetLastError());
            }

            void M(IntPtr addr)
            {
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Check(Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero));
                Native.connect(s, addr, 16);
            }
        }
        """);

    [Fact]
    public Task Failure_path_connecting_another_socket_is_clean_Precision_16() => Body("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var fallback = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                {
                    Native.connect(fallback, addr, 16);
                    return;
                }

                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Lambda_with_checked_result_is_clean_Precision_13() => Source("""
        class C
        {
            void M(IntPtr addr)
            {
                Action<IntPtr> open = s =>
                {
                    if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                    Native.connect(s, addr, 16);
                };
                open(Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP));
            }
        }
        """);
}
