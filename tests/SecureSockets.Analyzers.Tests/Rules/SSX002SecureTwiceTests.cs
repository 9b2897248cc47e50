using System.Threading.Tasks;
using SecureSockets.Analyzers.Rules;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX002>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX002: WSASetSocketSecurity called more than once on a socket (C-SEC-4).</summary>
public class SSX002SecureTwiceTests
{
    /// <summary>A method body with the hand-written DllImport binding (flagged or clean: the markup decides).</summary>
    private static Task Flagged(string body) => V.AnalyzerAsync(Wrap(body), Bindings.DllImport);

    /// <summary>Same as <see cref="Flagged"/>; the name says the body has no markup.</summary>
    private static Task Clean(string body) => V.AnalyzerAsync(Wrap(body), Bindings.DllImport);

    private static string Wrap(string body) => $$"""
        class C
        {
            void M(IntPtr addr, bool flag, int count)
            {
        {{body}}
            }
        }
        """;

    // ---- Flagged ----------------------------------------------------------------------------------------------

    [Fact]
    public Task Secure_twice_straight_line_is_flagged_C_SEC_4() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Secure_again_after_checked_success_is_flagged_C_SEC_4() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == 0)
                {
                    {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                }
        """);

    [Fact]
    public Task Secure_in_each_of_two_independent_ifs_is_flagged_on_some_path() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (flag)
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                }

                if (count > 0)
                {
                    {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                }
        """);

    [Fact]
    public Task WSAIoctl_SIO_SET_SECURITY_then_WSASetSocketSecurity_is_flagged_C_SEC_10() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSAIoctl(s, Native.SIO_SET_SECURITY, IntPtr.Zero, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero);
                {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task WSASetSocketSecurity_then_int_typed_WSAIoctl_SIO_SET_SECURITY_is_flagged_C_SEC_10() => V.AnalyzerAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                {|SSX002:WinsockInt.WSAIoctl(s, WinsockInt.SIO_SET_SECURITY, IntPtr.Zero, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero)|};
        """), Bindings.DllImport, Bindings.WSAIoctlIntCode);

    [Fact]
    public Task Secure_through_alias_then_original_is_flagged_Precision_14() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var t = s;
                Native.WSASetSocketSecurity(t, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task LibraryImport_binding_secure_twice_is_flagged() => V.AnalyzerAsync("""
        class C
        {
            void M()
            {
                nint s = Interop.socket(2, 1, 6);
                Interop.WSASetSocketSecurity(s, 0, 0, 0, 0);
                {|SSX002:Interop.WSASetSocketSecurity(s, 0, 0, 0, 0)|};
            }
        }
        """, Bindings.LibraryImport);

    [Fact]
    public Task EntryPoint_renamed_binding_secure_twice_is_flagged_Precision_1() => V.AnalyzerAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                {|SSX002:Renamed.ApplySecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """), Bindings.DllImport, Bindings.EntryPointRenamed);

    [Fact]
    public Task Managed_Socket_Handle_secured_twice_is_flagged() => Flagged("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                Native.WSASetSocketSecurity(sock.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                {|SSX002:Native.WSASetSocketSecurity(sock.SafeHandle.DangerousGetHandle(), IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Field_socket_secured_twice_is_flagged_Precision_14() => V.AnalyzerAsync("""
        class C
        {
            private IntPtr sock;

            void M()
            {
                Native.WSASetSocketSecurity(this.sock, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                {|SSX002:Native.WSASetSocketSecurity(sock, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task Correlated_test_on_local_reassigned_between_is_flagged_Precision_4() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var ok = flag;
                if (ok)
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                }

                ok = count > 0;
                if (!ok)
                {
                    {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                }
        """);

    // ---- Clean ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Secure_once_is_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task New_socket_each_loop_turn_is_clean() => Clean("""
                for (var i = 0; i < count; i++)
                {
                    var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                    {
                        Native.closesocket(s);
                        continue;
                    }

                    Native.connect(s, addr, 16);
                }
        """);

    [Fact]
    public Task New_socket_each_loop_turn_in_outer_local_is_clean() => Clean("""
                var s = IntPtr.Zero;
                while (count-- > 0)
                {
                    s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                    Native.connect(s, addr, 16);
                }
        """);

    [Fact]
    public Task Retry_after_failure_with_result_in_local_is_clean_Precision_16() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                int rc = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                if (rc != 0)
                {
                    rc = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                }

                if (rc != 0) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Retry_after_failure_with_result_tested_directly_is_clean_Precision_16() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                {
                    if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                }

                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Retry_after_SOCKET_ERROR_is_clean_Precision_16() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                }
        """);

    [Fact]
    public Task Retry_loop_until_success_is_clean_Precision_16() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                while (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                {
                    Console.WriteLine("retrying");
                }

                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Correlated_bool_parameter_and_its_negation_is_clean_Precision_4() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (flag)
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                }

                if (!flag)
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                }
        """);

    [Fact]
    public Task Correlated_bool_local_set_to_constant_is_clean_Precision_4() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var secured = false;
                if (count > 0)
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                    secured = true;
                }

                if (!secured)
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                }
        """);

    [Fact]
    public Task Reassignment_to_new_socket_between_is_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                Native.closesocket(s);
                s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Two_different_sockets_each_secured_once_is_clean() => Clean("""
                var a = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var b = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(a, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                Native.WSASetSocketSecurity(b, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Secure_once_in_each_of_two_unrelated_methods_is_clean() => V.AnalyzerAsync("""
        class C
        {
            void A(IntPtr s) => Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);

            void B(IntPtr s) => Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
        }
        """, Bindings.DllImport);

    [Fact]
    public Task WSAIoctl_other_control_code_then_secure_is_clean_C_SEC_10() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSAIoctl(s, Native.SIO_GET_EXTENSION_FUNCTION_POINTER, IntPtr.Zero, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task LookAlike_then_real_secure_is_clean_Precision_1() => V.AnalyzerAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Fake.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                Fake.Secure(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
        """), Bindings.DllImport, Bindings.LookAlikes);

    [Fact]
    public Task Secure_inside_lambda_after_secure_outside_is_clean_Precision_13() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                Func<int> again = () => Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
        """);

    // ---- Engine gaps: expected behaviour per RULES.md, skipped until the engine implements it ----------------

    // RULES.md SSX002: "A loop that creates a new socket each turn is not a repeat" - one that does not, is.
    [Fact]
    public Task Secure_in_loop_on_same_socket_is_flagged_C_SEC_4() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                for (var i = 0; i < count; i++)
                {
                    {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                }
        """);

    // ---- Control-flow shapes and helpers ------------------------------------------------------------------------

    [Fact]
    public Task Secure_in_try_and_again_in_catch_is_flagged() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                try
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                    Console.WriteLine("secured");
                }
                catch (Exception)
                {
                    {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                }
        """);

    [Fact]
    public Task Secure_in_finally_after_secure_in_try_is_flagged() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                try { Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero); }
                finally { {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|}; }
        """);

    [Fact]
    public Task Switch_cases_each_securing_once_are_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                switch (count)
                {
                    case 0: Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero); break;
                    case 1: Native.WSASetSocketSecurity(s, addr, 16, IntPtr.Zero, IntPtr.Zero); break;
                }
        """);

    [Fact]
    public Task Goto_loop_securing_the_same_socket_is_flagged() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var n = 0;
            again:
                {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                if (++n < count) goto again;
        """);

    [Fact]
    public Task Secure_helper_after_direct_secure_is_flagged_at_the_helper_call() => V.AnalyzerAsync("""
        class C
        {
            static void Secure(IntPtr socket) => Native.WSASetSocketSecurity(socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);

            void M()
            {
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                {|SSX002:Secure(s)|};
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task Secure_helper_once_then_connect_is_clean() => V.AnalyzerAsync("""
        class C
        {
            static void Secure(IntPtr socket)
            {
                if (Native.WSASetSocketSecurity(socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
            }

            void M(IntPtr addr)
            {
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Secure(s);
                Native.connect(s, addr, 16);
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task UdpClient_secured_twice_is_flagged() => Flagged("""
                var udp = new UdpClient(AddressFamily.InterNetwork);
                Native.WSASetSocketSecurity(udp.Client.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                {|SSX002:Native.WSASetSocketSecurity(udp.Client.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);
}
