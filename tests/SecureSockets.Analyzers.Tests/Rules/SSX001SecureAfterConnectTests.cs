using System.Threading.Tasks;
using SecureSockets.Analyzers.Rules;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX001>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX001: WSASetSocketSecurity after bind or connect (C-SEC-1, C-SEC-2, C-SEC-3, C-SEC-6).</summary>
public class SSX001SecureAfterConnectTests
{
    /// <summary>A method body with the hand-written DllImport binding (flagged or clean: the markup decides).</summary>
    private static Task Flagged(string body) => V.AnalyzerAsync(Wrap(body), Bindings.DllImport);

    /// <summary>Same as <see cref="Flagged"/>; the name says the body has no markup.</summary>
    private static Task Clean(string body) => V.AnalyzerAsync(Wrap(body), Bindings.DllImport);

    private static Task Async(string body) => V.AnalyzerAsync(WrapAsync(body), Bindings.DllImport);

    private static string Wrap(string body) => $$"""
        class C
        {
            void M(IntPtr addr, bool flag, int count, byte[] buf, IPEndPoint ep)
            {
        {{body}}
            }
        }
        """;

    private static string WrapAsync(string body) => $$"""
        class C
        {
            async Task M(IPEndPoint ep)
            {
        {{body}}
            }
        }
        """;

    // ---- Flagged: raw Winsock ----------------------------------------------------------------------------

    [Fact]
    public Task Client_connect_then_secure_is_flagged_C_SEC_1() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Client_WSAConnect_then_secure_is_flagged_C_SEC_1() => Flagged("""
                var s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                Native.WSAConnect(s, addr, 16, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Server_bind_then_secure_is_flagged_C_SEC_2() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.bind(s, addr, 16);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Server_listen_then_secure_is_flagged_C_SEC_2() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.listen(s, 5);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Accepted_socket_secured_is_flagged_C_SEC_6() => Flagged("""
                var l = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(l, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.bind(l, addr, 16);
                Native.listen(l, 5);
                var c = Native.accept(l, IntPtr.Zero, IntPtr.Zero);
                {|SSX001:Native.WSASetSocketSecurity(c, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Udp_sendto_then_secure_is_flagged_C_SEC_3() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_DGRAM, Native.IPPROTO_UDP);
                Native.sendto(s, buf, buf.Length, 0, addr, 16);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Connect_with_unchecked_result_still_counts_Precision_16() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                _ = Native.connect(s, addr, 16);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    // ---- Flagged: WSAIoctl(SIO_SET_SECURITY) (C-SEC-10) ---------------------------------------------------

    [Fact]
    public Task WSAIoctl_SIO_SET_SECURITY_uint_after_connect_is_flagged_C_SEC_10() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {|SSX001:Native.WSAIoctl(s, 0x980000C8, IntPtr.Zero, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task WSAIoctl_SIO_SET_SECURITY_named_constant_after_connect_is_flagged_C_SEC_10() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {|SSX001:Native.WSAIoctl(s, Native.SIO_SET_SECURITY, IntPtr.Zero, 0, IntPtr.Zero, 0, out int returned, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task WSAIoctl_SIO_SET_SECURITY_int_typed_binding_after_connect_is_flagged_C_SEC_10() => V.AnalyzerAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {|SSX001:WinsockInt.WSAIoctl(s, -1744830264, IntPtr.Zero, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero)|};
        """), Bindings.DllImport, Bindings.WSAIoctlIntCode);

    // ---- Flagged: binding styles (Precision 1) -------------------------------------------------------------

    [Fact]
    public Task LibraryImport_binding_connect_then_secure_is_flagged() => V.AnalyzerAsync("""
        class C
        {
            void M(nint addr)
            {
                nint s = Interop.socket(2, 1, 6);
                Interop.connect(s, addr, 16);
                {|SSX001:Interop.WSASetSocketSecurity(s, 0, 0, 0, 0)|};
            }
        }
        """, Bindings.LibraryImport);

    [Fact]
    public Task EntryPoint_renamed_binding_connect_then_secure_is_flagged_Precision_1() => V.AnalyzerAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Renamed.NativeConnect(s, addr, 16);
                {|SSX001:Renamed.ApplySecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """), Bindings.DllImport, Bindings.EntryPointRenamed);

    // ---- Flagged: managed sockets -------------------------------------------------------------------------

    [Fact]
    public Task Managed_Socket_Connect_then_secure_Handle_is_flagged_C_SEC_1() => Flagged("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sock.Connect(ep);
                {|SSX001:Native.WSASetSocketSecurity(sock.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Managed_Socket_ConnectAsync_then_secure_DangerousGetHandle_is_flagged_C_SEC_1() => Async("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await sock.ConnectAsync(ep);
                {|SSX001:Native.WSASetSocketSecurity(sock.SafeHandle.DangerousGetHandle(), IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Managed_Socket_Bind_then_secure_is_flagged_C_SEC_2() => Flagged("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sock.Bind(ep);
                {|SSX001:Native.WSASetSocketSecurity(sock.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Managed_Socket_Accept_result_secured_is_flagged_C_SEC_6() => Flagged("""
                var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                listener.Bind(ep);
                listener.Listen(10);
                var accepted = listener.Accept();
                {|SSX001:Native.WSASetSocketSecurity(accepted.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task TcpClient_created_connected_then_secure_Client_Handle_is_flagged_C_SEC_1() => Flagged("""
                var client = new TcpClient("host", 443);
                {|SSX001:Native.WSASetSocketSecurity(client.Client.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task TcpListener_Start_then_secure_Server_Handle_is_flagged_C_SEC_2() => Flagged("""
                var listener = new TcpListener(IPAddress.Loopback, 443);
                listener.Start();
                {|SSX001:Native.WSASetSocketSecurity(listener.Server.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    // ---- Flagged: control flow ("on some path") -----------------------------------------------------------

    [Fact]
    public Task Connect_on_one_branch_then_secure_is_flagged_on_some_path() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (flag)
                {
                    Native.connect(s, addr, 16);
                }

                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Connect_inside_loop_then_secure_after_loop_is_flagged() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                for (var i = 0; i < count; i++)
                {
                    if (Native.connect(s, addr, 16) == 0) break;
                }

                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Connect_in_try_then_secure_after_try_is_flagged() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                try
                {
                    Native.connect(s, addr, 16);
                }
                catch (Exception e)
                {
                    Console.WriteLine(e.Message);
                }

                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Connect_in_try_finally_then_secure_after_is_flagged() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                try
                {
                    Native.connect(s, addr, 16);
                }
                finally
                {
                    Console.WriteLine("connected");
                }

                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Connect_through_alias_then_secure_original_is_flagged_Precision_14() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var t = s;
                Native.connect(t, addr, 16);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Field_socket_connect_then_secure_is_flagged_Precision_14() => V.AnalyzerAsync("""
        class C
        {
            private IntPtr sock;

            void M(IntPtr addr)
            {
                this.sock = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(this.sock, addr, 16);
                {|SSX001:Native.WSASetSocketSecurity(this.sock, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task Static_field_socket_connect_then_secure_is_flagged_Precision_14() => V.AnalyzerAsync("""
        class C
        {
            private static IntPtr shared;

            static void M(IntPtr addr)
            {
                Native.connect(shared, addr, 16);
                {|SSX001:Native.WSASetSocketSecurity(shared, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task Correlated_test_on_local_reassigned_between_is_flagged_Precision_4() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var mode = count;
                if (mode == 1)
                {
                    Native.connect(s, addr, 16);
                }

                mode = Environment.ProcessorCount;
                if (mode != 1)
                {
                    {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                }
        """);

    // ---- Clean ----------------------------------------------------------------------------------------------

    [Fact]
    public Task Correct_order_is_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Server_secure_before_bind_and_listen_is_clean_C_SEC_2() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.bind(s, addr, 16);
                Native.listen(s, 5);
        """);

    [Fact]
    public Task Reassignment_to_new_socket_between_connect_and_secure_is_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                Native.closesocket(s);
                s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Reassignment_without_close_between_connect_and_secure_is_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task New_socket_each_loop_turn_is_clean() => Clean("""
                for (var i = 0; i < count; i++)
                {
                    var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) continue;
                    Native.connect(s, addr, 16);
                }
        """);

    [Fact]
    public Task New_socket_each_loop_turn_in_outer_local_is_clean() => Clean("""
                IntPtr s;
                for (var i = 0; i < count; i++)
                {
                    s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) continue;
                    Native.connect(s, addr, 16);
                }
        """);

    [Fact]
    public Task Connect_one_socket_secure_another_is_clean() => Clean("""
                var a = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var b = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(a, addr, 16);
                Native.WSASetSocketSecurity(b, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Connect_and_secure_in_unrelated_methods_is_clean() => V.AnalyzerAsync("""
        class C
        {
            void Open(IntPtr s, IntPtr addr)
            {
                Native.connect(s, addr, 16);
            }

            void Protect(IntPtr s)
            {
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task Secure_in_try_then_connect_in_finally_is_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                try
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                }
                finally
                {
                    Native.connect(s, addr, 16);
                }
        """);

    [Fact]
    public Task LookAlike_own_non_extern_method_after_connect_is_clean_Precision_1() => V.AnalyzerAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                Fake.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
        """), Bindings.DllImport, Bindings.LookAlikes);

    [Fact]
    public Task LookAlike_DllImport_of_unrelated_dll_after_connect_is_clean_Precision_1() => V.AnalyzerAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                OtherLib.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
        """), Bindings.DllImport, Bindings.UnrelatedDllSecure);

    [Fact]
    public Task LookAlike_unrelated_dll_with_EntryPoint_rename_after_connect_is_clean_Precision_1() => V.AnalyzerAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                Fake.Secure(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
        """), Bindings.DllImport, Bindings.LookAlikes);

    [Fact]
    public Task WSAIoctl_with_other_control_code_after_connect_is_clean_C_SEC_10() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                Native.WSAIoctl(s, Native.SIO_GET_EXTENSION_FUNCTION_POINTER, IntPtr.Zero, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task WSAIoctl_int_typed_with_other_control_code_after_connect_is_clean_C_SEC_10() => V.AnalyzerAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                WinsockInt.WSAIoctl(s, WinsockInt.SIO_GET_EXTENSION_FUNCTION_POINTER, IntPtr.Zero, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero);
        """), Bindings.DllImport, Bindings.WSAIoctlIntCode);

    // RULES.md: "the BCL's Socket alone does not wake it" - connected/bound managed sockets whose handles go to a
    // project method must produce nothing when no secure-socket or SSPI API is declared or referenced.
    [Fact]
    public Task Compilation_with_only_System_Net_Sockets_is_inactive_and_clean() => V.AnalyzerAsync("""
        class C
        {
            void M(IPEndPoint ep)
            {
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sock.Connect(ep);
                sock.Bind(ep);
                var client = new TcpClient("host", 443);
                var listener = new TcpListener(IPAddress.Loopback, 443);
                listener.Start();
                var accepted = listener.AcceptSocket();
                accepted.Send(new byte[1]);
                Protect(sock.Handle);
                Protect(client.Client.Handle);
            }

            static int Protect(IntPtr socket) => 0;
        }
        """);

    [Fact]
    public Task Secure_inside_lambda_after_connect_outside_is_clean_Precision_13() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                Action protect = () =>
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                };
                protect();
        """);

    [Fact]
    public Task Socket_parameter_of_unknown_provenance_secured_is_clean_Precision_8() => V.AnalyzerAsync("""
        class C
        {
            void M(Socket sock, TcpClient client)
            {
                Native.WSASetSocketSecurity(sock.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                Native.WSASetSocketSecurity(client.Client.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task Managed_Socket_secured_before_Connect_is_clean() => Clean("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                if (Native.WSASetSocketSecurity(sock.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                sock.Connect(ep);
        """);

    // ---- Clean: correlated conditions (Precision 4) -----------------------------------------------------------

    [Fact]
    public Task Correlated_bool_parameter_and_its_negation_is_clean_Precision_4() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (flag)
                {
                    Native.connect(s, addr, 16);
                }

                Console.WriteLine("between");
                if (!flag)
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                }
        """);

    [Fact]
    public Task Correlated_bool_local_set_to_constant_is_clean_Precision_4() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                bool connected = false;
                if (flag)
                {
                    Native.connect(s, addr, 16);
                    connected = true;
                }

                if (!connected)
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                }
        """);

    [Fact]
    public Task Correlated_comparison_with_constant_is_clean_Precision_4() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (count == 1)
                {
                    Native.connect(s, addr, 16);
                }

                if (count != 1)
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                }
        """);

    // ---- Engine gaps: expected behaviour per RULES.md, skipped until the engine implements it ----------------

    // RULES.md "What the analyzer must recognize": same-compilation helpers are summarized; the call is the event.
    [Fact]
    public Task Helper_method_that_connects_then_secure_is_flagged() => V.AnalyzerAsync("""
        class C
        {
            static void Open(IntPtr socket, IntPtr addr)
            {
                Native.connect(socket, addr, 16);
            }

            void M(IntPtr addr)
            {
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Open(s, addr);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
            }
        }
        """, Bindings.DllImport);

    // Precision 13: a local function is summarized like any helper and its calls are events.
    [Fact]
    public Task Local_function_that_connects_then_secure_is_flagged_Precision_13() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Open(s);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};

                void Open(IntPtr socket) => Native.connect(socket, addr, 16);
        """);

    // Precision 14: a field's state resets at a call to a method of the same compilation that assigns that field.
    [Fact]
    public Task Field_reassigned_by_called_method_between_connect_and_secure_is_clean_Precision_14() => V.AnalyzerAsync("""
        class C
        {
            private IntPtr sock;

            void Reopen()
            {
                sock = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            }

            void M(IntPtr addr)
            {
                Native.connect(sock, addr, 16);
                Reopen();
                Native.WSASetSocketSecurity(sock, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
            }
        }
        """, Bindings.DllImport);

    // ---- Control-flow shapes: goto, switch, catch; managed UdpClient; helpers both ways ----------------------------

    [Fact]
    public Task Goto_back_to_secure_after_connect_is_flagged() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var attempts = 0;
            again:
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
                if (++attempts < count) goto again;
        """);

    [Fact]
    public Task Goto_that_skips_the_connect_is_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (flag) goto secure;
                s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            secure:
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Switch_case_that_binds_then_secure_after_the_switch_is_flagged() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                switch (count)
                {
                    case 0: break;
                    case 1: Native.bind(s, addr, 16); break;
                    default: return;
                }
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Switch_where_the_binding_case_returns_is_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                switch (count)
                {
                    case 1:
                        Native.bind(s, addr, 16);
                        return;
                    default:
                        break;
                }
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Connect_in_try_secure_in_catch_is_flagged() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                try
                {
                    Native.connect(s, addr, 16);
                    Console.WriteLine("connected");
                }
                catch (Exception)
                {
                    {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                }
        """);

    [Fact]
    public Task UdpClient_bound_by_its_constructor_then_secured_is_flagged_C_SEC_3() => Flagged("""
                var udp = new UdpClient(5000);
                {|SSX001:Native.WSASetSocketSecurity(udp.Client.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task UdpClient_secured_before_Connect_is_clean() => Clean("""
                var udp = new UdpClient(AddressFamily.InterNetwork);
                if (Native.WSASetSocketSecurity(udp.Client.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                udp.Connect("peer.example", 5000);
        """);

    [Fact]
    public Task Secure_helper_called_after_connect_is_flagged_at_the_helper_call() => V.AnalyzerAsync("""
        class C
        {
            static void Secure(IntPtr socket)
            {
                if (Native.WSASetSocketSecurity(socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
            }

            void M(IntPtr addr)
            {
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {|SSX001:Secure(s)|};
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task Secure_helper_and_connect_helper_in_the_right_order_are_clean() => V.AnalyzerAsync("""
        class C
        {
            static void Secure(IntPtr socket)
            {
                if (Native.WSASetSocketSecurity(socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
            }

            static void Open(IntPtr socket, IntPtr addr) => Native.connect(socket, addr, 16);

            void M(IntPtr addr)
            {
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Secure(s);
                Open(s, addr);
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task Helpers_four_calls_deep_are_beyond_the_summary_depth_and_silent() => V.AnalyzerAsync("""
        class C
        {
            static void L1(IntPtr s, IntPtr a) => L2(s, a);
            static void L2(IntPtr s, IntPtr a) => L3(s, a);
            static void L3(IntPtr s, IntPtr a) => L4(s, a);
            static void L4(IntPtr s, IntPtr a) => Native.connect(s, a, 16);

            void M(IntPtr addr)
            {
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                L1(s, addr);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task Helpers_three_calls_deep_are_summarized() => V.AnalyzerAsync("""
        class C
        {
            static void L1(IntPtr s, IntPtr a) => L2(s, a);
            static void L2(IntPtr s, IntPtr a) => L3(s, a);
            static void L3(IntPtr s, IntPtr a) => Native.connect(s, a, 16);

            void M(IntPtr addr)
            {
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                L1(s, addr);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task Recursive_helper_is_cut_and_does_not_hang() => V.AnalyzerAsync("""
        class C
        {
            static void Retry(IntPtr s, IntPtr a, int n)
            {
                if (n > 0) Retry(s, a, n - 1);
                else Native.connect(s, a, 16);
            }

            void M(IntPtr addr)
            {
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Retry(s, addr, 3);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
            }
        }
        """, Bindings.DllImport);

    // A summarized helper's out argument is a new value after the call: the old socket's events do not carry over.
    [Fact]
    public Task Socket_replaced_through_a_summarized_helpers_out_argument_is_not_the_connected_one() => V.AnalyzerAsync("""
        class C
        {
            static IntPtr Fresh(out IntPtr spare)
            {
                spare = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                return Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            }

            void M(IntPtr addr)
            {
                var spare = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(spare, addr, 16);
                var main = Fresh(out spare);
                if (Native.WSASetSocketSecurity(spare, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                if (Native.WSASetSocketSecurity(main, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
            }
        }
        """, Bindings.DllImport);
}
