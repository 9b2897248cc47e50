using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.CodeFixes.CodeFixVerify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.CodeFixes.SSX002SecureTwiceCodeFix, SecureSockets.Analyzers.Tests.Infrastructure.SSX002>;

namespace SecureSockets.Analyzers.Tests.CodeFixes;

/// <summary>SSX002 fix: remove the repeated WSASetSocketSecurity call and its now-dead check.</summary>
public class SSX002SecureTwiceCodeFixTests
{
    private const string Remove = "SSX002.RemoveRepeatedCall";

    private static string Wrap(string body) => $$"""
        class C
        {
            void M(IntPtr addr)
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public Task Discarded_repeat_is_removed_DllImport() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.connect(s, addr, 16);
        """), Remove, Bindings.DllImport);

    [Fact]
    public Task Repeat_with_its_dead_check_is_removed() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                if ({|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                Native.connect(s, addr, 16);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                Native.connect(s, addr, 16);
        """), Remove, Bindings.DllImport);

    [Fact]
    public Task Repeat_stored_to_a_local_with_its_check_is_removed_LibraryImport() => V.VerifyAsync("""
        class C
        {
            void M(nint addr)
            {
                nint s = Interop.socket(2, 1, 6);
                if (Interop.WSASetSocketSecurity(s, 0, 0, 0, 0) != 0) return;
                int rc = {|SSX002:Interop.WSASetSocketSecurity(s, 0, 0, 0, 0)|};
                if (rc != 0) throw new InvalidOperationException();
                Interop.connect(s, addr, 16);
            }
        }
        """, """
        class C
        {
            void M(nint addr)
            {
                nint s = Interop.socket(2, 1, 6);
                if (Interop.WSASetSocketSecurity(s, 0, 0, 0, 0) != 0) return;
                Interop.connect(s, addr, 16);
            }
        }
        """, Remove, Bindings.LibraryImport);

    [Fact]
    public Task Comment_above_the_removed_call_is_kept() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                _ = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                // make sure it is secured
                _ = {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                _ = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                // make sure it is secured
                Native.connect(s, addr, 16);
        """), Remove, Bindings.DllImport);

    [Fact]
    public Task Repeat_in_a_nested_block_as_the_last_statement() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                if (addr != IntPtr.Zero)
                {
                    Native.connect(s, addr, 16);
                    {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                }
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                if (addr != IntPtr.Zero)
                {
                    Native.connect(s, addr, 16);
                }
        """), Remove, Bindings.DllImport);

    [Fact]
    public Task Repeat_removed_in_top_level_statements()
    {
        var test = V.Create("""
            var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
            {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
            Native.closesocket(s);
            """, """
            var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
            Native.closesocket(s);
            """, Remove, new[] { Bindings.DllImport });
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Fix_all_removes_every_repeat_in_the_method_and_in_a_second_file()
    {
        var test = V.Create(Wrap("""
                var a = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var b = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(a, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                Native.WSASetSocketSecurity(b, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                {|SSX002:Native.WSASetSocketSecurity(a, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                if ({|SSX002:Native.WSASetSocketSecurity(b, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} != 0) return;
                Native.connect(a, addr, 16);
        """), Wrap("""
                var a = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var b = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(a, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                Native.WSASetSocketSecurity(b, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                Native.connect(a, addr, 16);
        """), Remove, new[] { Bindings.DllImport });
        test.TestState.Sources.Add(("Second.cs", """
            class D
            {
                void N(IntPtr s)
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                    {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                }
            }
            """));
        test.FixedState.Sources.Add(("Second.cs", """
            class D
            {
                void N(IntPtr s)
                {
                    Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                }
            }
            """));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task No_fix_when_the_status_is_used_later() => V.NoFixAsync("""
        class C
        {
            int M(IntPtr s)
            {
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                var rc = {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                Console.WriteLine("secured");
                return rc;
            }
        }
        """, Remove, Bindings.DllImport);

    [Fact]
    public Task No_fix_when_the_failure_branch_does_work() => V.NoFixAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                if ({|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} != 0)
                {
                    Console.WriteLine("no IPsec");
                }
        """), Remove, Bindings.DllImport);

    [Fact]
    public Task No_fix_in_an_expression_bodied_member() => V.NoFixAsync("""
        class C
        {
            int M(IntPtr s) => Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) + {|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        }
        """, Remove, Bindings.DllImport);
}
