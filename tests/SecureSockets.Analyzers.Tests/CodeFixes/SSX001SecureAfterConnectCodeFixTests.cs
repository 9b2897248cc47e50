using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SecureSockets.Analyzers.Rules;
using SecureSockets.Analyzers.Tests.Infrastructure;
using SecureSockets.CodeFixes;
using Xunit;
using V = SecureSockets.Analyzers.Tests.CodeFixes.CodeFixVerify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.CodeFixes.SSX001SecureAfterConnectCodeFix, SecureSockets.Analyzers.Tests.Infrastructure.SSX001>;

namespace SecureSockets.Analyzers.Tests.CodeFixes;

/// <summary>SSX001 fixes: move the secure call (with its checks) before the first bind/connect; rewrite into SocketSecurity.Apply.</summary>
public class SSX001SecureAfterConnectCodeFixTests
{
    private const string Move = "SSX001.MoveBeforeConnect";
    private const string UseApply = "SSX001.UseSocketSecurityApply";

    private static string Wrap(string body) => $$"""
        class C
        {
            void M(IntPtr addr, IPEndPoint ep)
            {
        {{body}}
            }
        }
        """;

    // ---- Move: binding styles ---------------------------------------------------------------------------

    [Fact]
    public Task Discarded_call_moves_before_connect_DllImport() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                Native.connect(s, addr, 16);
        """), Move, Bindings.DllImport);

    [Fact]
    public Task Checking_if_moves_with_the_call_and_blank_lines_stay_in_place() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.connect(s, addr, 16) == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                // Turn on IPsec for this socket.
                if ({|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} == Native.SOCKET_ERROR) // too late
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                Native.closesocket(s);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                // Turn on IPsec for this socket.
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR) // too late
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                if (Native.connect(s, addr, 16) == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                Native.closesocket(s);
        """), Move, Bindings.DllImport);

    [Fact]
    public Task Status_local_and_its_test_move_together() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.bind(s, addr, 16);
                Native.listen(s, 5);
                int rc = {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                if (rc != 0) return;
                Native.closesocket(s);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                int rc = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                if (rc != 0) return;
                Native.bind(s, addr, 16);
                Native.listen(s, 5);
                Native.closesocket(s);
        """), Move, Bindings.DllImport);

    [Fact]
    public Task LibraryImport_binding_moves_before_connect() => V.VerifyAsync("""
        class C
        {
            void M(nint addr)
            {
                nint s = Interop.socket(2, 1, 6);
                Interop.connect(s, addr, 16);
                if ({|SSX001:Interop.WSASetSocketSecurity(s, 0, 0, 0, 0)|} != 0) throw new InvalidOperationException();
            }
        }
        """, """
        class C
        {
            void M(nint addr)
            {
                nint s = Interop.socket(2, 1, 6);
                if (Interop.WSASetSocketSecurity(s, 0, 0, 0, 0) != 0) throw new InvalidOperationException();
                Interop.connect(s, addr, 16);
            }
        }
        """, Move, Bindings.LibraryImport);

    // ---- Wrapper rewrite -------------------------------------------------------------------------------

    [Fact]
    public Task Managed_socket_rewritten_into_SocketSecurity_Apply_before_connect() => V.VerifyWithWrapperAsync(Wrap("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sock.Connect(ep);
                if ({|SSX001:Native.WSASetSocketSecurity(sock.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }
        """), "using SecureSockets;\n\n" + Wrap("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                SocketSecurity.Apply(sock);
                sock.Connect(ep);
        """), UseApply, Bindings.DllImport);

    // ---- Move: placement ------------------------------------------------------------------------------

    [Fact]
    public Task Move_inside_a_nested_block() => V.VerifyAsync(Wrap("""
                if (ep != null)
                {
                    var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    Native.connect(s, addr, 16);
                    {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                }
        """), Wrap("""
                if (ep != null)
                {
                    var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                    Native.connect(s, addr, 16);
                }
        """), Move, Bindings.DllImport);

    [Fact]
    public Task Move_out_of_a_plain_nested_block_to_the_enclosing_connect() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {
                    if ({|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} != 0) return;
                }
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.connect(s, addr, 16);
                {
                }
        """), Move, Bindings.DllImport);

    [Fact]
    public Task Move_before_the_if_that_holds_the_connect() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (ep != null)
                {
                    Native.connect(s, addr, 16);
                }

                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);

                if (ep != null)
                {
                    Native.connect(s, addr, 16);
                }
        """), Move, Bindings.DllImport);

    [Fact]
    public Task Move_in_top_level_statements()
    {
        var test = V.Create("""
            var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            Native.connect(s, IntPtr.Zero, 16);
            {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
            Native.closesocket(s);
            """, """
            var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
            Native.connect(s, IntPtr.Zero, 16);
            Native.closesocket(s);
            """, Move, new[] { Bindings.DllImport });
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Comments_on_the_moved_and_the_target_statements_stay_with_them() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                // connect to the server
                Native.connect(s, addr, 16); // blocking
                /* secure it */ {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|}; // default policy
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                /* secure it */ Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero); // default policy
                // connect to the server
                Native.connect(s, addr, 16); // blocking
        """), Move, Bindings.DllImport);

    // ---- Move: fix all --------------------------------------------------------------------------------

    [Fact]
    public Task Fix_all_moves_every_call_in_the_method_and_in_a_second_file()
    {
        var test = V.Create(Wrap("""
                var a = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var b = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(a, addr, 16);
                Native.bind(b, addr, 16);
                {|SSX001:Native.WSASetSocketSecurity(a, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                if ({|SSX001:Native.WSASetSocketSecurity(b, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} != 0) return;
        """), Wrap("""
                var a = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var b = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(a, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                Native.connect(a, addr, 16);
                if (Native.WSASetSocketSecurity(b, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.bind(b, addr, 16);
        """), Move, new[] { Bindings.DllImport });
        test.TestState.Sources.Add(("Second.cs", """
            class D
            {
                void N(IntPtr addr)
                {
                    var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    Native.connect(s, addr, 16);
                    {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                }
            }
            """));
        test.FixedState.Sources.Add(("Second.cs", """
            class D
            {
                void N(IntPtr addr)
                {
                    var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                    Native.connect(s, addr, 16);
                }
            }
            """));
        return test.RunAsync(CancellationToken.None);
    }

    // ---- Move: no faithful fix --------------------------------------------------------------------------

    [Fact]
    public Task No_move_when_the_settings_are_computed_after_the_connect() => V.NoFixAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                var settings = Marshal.AllocHGlobal(16);
                {|SSX001:Native.WSASetSocketSecurity(s, settings, 16, IntPtr.Zero, IntPtr.Zero)|};
        """), Move, Bindings.DllImport);

    [Fact]
    public Task No_move_when_a_value_read_is_changed_after_the_connect() => V.NoFixAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var settings = IntPtr.Zero;
                Native.connect(s, addr, 16);
                settings = addr;
                {|SSX001:Native.WSASetSocketSecurity(s, settings, 16, IntPtr.Zero, IntPtr.Zero)|};
        """), Move, Bindings.DllImport);

    [Fact]
    public Task No_move_on_an_accepted_socket() => V.NoFixAsync(Wrap("""
                var l = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(l, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.bind(l, addr, 16);
                Native.listen(l, 5);
                var c = Native.accept(l, IntPtr.Zero, IntPtr.Zero);
                {|SSX001:Native.WSASetSocketSecurity(c, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """), Move, Bindings.DllImport);

    [Fact]
    public Task No_move_out_of_a_conditional_branch() => V.NoFixAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                if (ep != null)
                {
                    {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                }
        """), Move, Bindings.DllImport);

    [Fact]
    public Task No_move_when_the_check_does_socket_work() => V.NoFixAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                if ({|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} == 0)
                {
                    Native.sendto(s, new byte[1], 1, 0, addr, 16);
                }
        """), Move, Bindings.DllImport);

    [Fact]
    public Task No_move_in_an_expression_bodied_member() => V.NoFixAsync("""
        class C
        {
            int M(IntPtr s, IntPtr addr) => Native.connect(s, addr, 16) == 0 ? {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} : -1;
        }
        """, Move, Bindings.DllImport);

    // ---- Wrapper rewrite: more ----------------------------------------------------------------------------

    [Fact]
    public Task Apply_rewrite_keeps_an_existing_using_and_adds_none() => V.VerifyWithWrapperAsync("""
        using SecureSockets;

        class C
        {
            void M(IPEndPoint ep)
            {
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sock.Connect(ep);
                {|SSX001:Native.WSASetSocketSecurity(sock.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
            }
        }
        """, """
        using SecureSockets;

        class C
        {
            void M(IPEndPoint ep)
            {
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                SocketSecurity.Apply(sock);
                sock.Connect(ep);
            }
        }
        """, UseApply, Bindings.DllImport);

    [Fact]
    public Task Apply_rewrite_status_local_and_check_replaced_using_sorted_in() => V.VerifyWithWrapperAsync("""
        using System.ComponentModel;
        using Zeta;

        namespace Zeta { }

        class C
        {
            void M(IPEndPoint ep)
            {
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sock.Bind(ep);
                var rc = {|SSX001:Native.WSASetSocketSecurity(sock.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                if (rc == Native.SOCKET_ERROR) throw new Win32Exception(Native.WSAGetLastError());
                sock.Listen(5);
            }
        }
        """, """
        using System.ComponentModel;
        using SecureSockets;
        using Zeta;

        namespace Zeta { }

        class C
        {
            void M(IPEndPoint ep)
            {
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                SocketSecurity.Apply(sock);
                sock.Bind(ep);
                sock.Listen(5);
            }
        }
        """, UseApply, Bindings.DllImport);

    [Fact]
    public Task Apply_rewrite_fix_all_adds_the_using_once()
    {
        var test = V.Create(Wrap("""
                var a = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                var b = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                a.Connect(ep);
                b.Connect(ep);
                {|SSX001:Native.WSASetSocketSecurity(a.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                {|SSX001:Native.WSASetSocketSecurity(b.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """), "using SecureSockets;\n\n" + Wrap("""
                var a = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                var b = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                SocketSecurity.Apply(a);
                a.Connect(ep);
                SocketSecurity.Apply(b);
                b.Connect(ep);
        """), UseApply, new[] { Bindings.DllImport });
        test.TestState.AdditionalReferences.Add(V.Wrapper);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Apply_rewrite_in_top_level_statements()
    {
        var test = V.Create("""
            var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            sock.Connect(new IPEndPoint(IPAddress.Loopback, 80));
            {|SSX001:Native.WSASetSocketSecurity(sock.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
            sock.Close();
            """, """
            using SecureSockets;

            var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            SocketSecurity.Apply(sock);
            sock.Connect(new IPEndPoint(IPAddress.Loopback, 80));
            sock.Close();
            """, UseApply, new[] { Bindings.DllImport });
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.AdditionalReferences.Add(V.Wrapper);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task No_Apply_rewrite_with_settings() => V.NoFixAsync(Wrap("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sock.Connect(ep);
                {|SSX001:Native.WSASetSocketSecurity(sock.Handle, addr, 16, IntPtr.Zero, IntPtr.Zero)|};
        """), UseApply, withWrapper: true, Bindings.DllImport);

    [Fact]
    public Task No_Apply_rewrite_for_a_raw_socket() => V.NoFixAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """), UseApply, withWrapper: true, Bindings.DllImport);

    [Fact]
    public Task No_Apply_rewrite_without_the_wrapper_referenced() => V.NoFixAsync(Wrap("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sock.Connect(ep);
                {|SSX001:Native.WSASetSocketSecurity(sock.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        """), UseApply, withWrapper: false, Bindings.DllImport);

    [Fact]
    public Task No_Apply_rewrite_when_the_failure_branch_does_more_than_leave() => V.NoFixAsync(Wrap("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sock.Connect(ep);
                if ({|SSX001:Native.WSASetSocketSecurity(sock.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} != 0)
                {
                    Console.WriteLine("unsecured");
                }
        """), UseApply, withWrapper: true, Bindings.DllImport);
}
