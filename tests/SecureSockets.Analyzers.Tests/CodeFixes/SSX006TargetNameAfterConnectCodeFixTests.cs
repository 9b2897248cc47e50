using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.CodeFixes.CodeFixVerify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.CodeFixes.SSX006TargetNameAfterConnectCodeFix, SecureSockets.Analyzers.Tests.Infrastructure.SSX006>;

namespace SecureSockets.Analyzers.Tests.CodeFixes;

/// <summary>SSX006 fix: move the target-name call (with its check) before the first connect.</summary>
public class SSX006TargetNameAfterConnectCodeFixTests
{
    private const string Move = "SSX006.MoveBeforeConnect";

    private static string Wrap(string body) => $$"""
        class C
        {
            void M(IntPtr addr, IntPtr name)
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public Task Discarded_call_moves_before_connect_DllImport() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {|SSX006:Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero);
                Native.connect(s, addr, 16);
        """), Move, Bindings.DllImport);

    [Fact]
    public Task Checked_call_moves_with_its_check() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                if (Native.connect(s, addr, 16) != 0) return;

                // the server's SPN
                var rc = {|SSX006:Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
                if (rc == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                Native.closesocket(s);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                // the server's SPN
                var rc = Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero);
                if (rc == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                if (Native.connect(s, addr, 16) != 0) return;

                Native.closesocket(s);
        """), Move, Bindings.DllImport);

    [Fact]
    public Task LibraryImport_binding() => V.VerifyAsync("""
        class C
        {
            void M(nint addr, nint name)
            {
                nint s = Interop.socket(2, 1, 6);
                Interop.connect(s, addr, 16);
                if ({|SSX006:Interop.SetPeerTargetName(s, name, 64, 0, 0)|} != 0) return;
            }
        }
        """, """
        class C
        {
            void M(nint addr, nint name)
            {
                nint s = Interop.socket(2, 1, 6);
                if (Interop.SetPeerTargetName(s, name, 64, 0, 0) != 0) return;
                Interop.connect(s, addr, 16);
            }
        }
        """, Move, Bindings.LibraryImport);

    [Fact]
    public Task Top_level_statements()
    {
        var test = V.Create("""
            var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            Native.connect(s, IntPtr.Zero, 16);
            {|SSX006:Native.WSASetSocketPeerTargetName(s, IntPtr.Zero, 64, IntPtr.Zero, IntPtr.Zero)|};
            Native.closesocket(s);
            """, """
            var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            Native.WSASetSocketPeerTargetName(s, IntPtr.Zero, 64, IntPtr.Zero, IntPtr.Zero);
            Native.connect(s, IntPtr.Zero, 16);
            Native.closesocket(s);
            """, Move, new[] { Bindings.DllImport });
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Fix_all_in_a_nested_block_and_a_second_file()
    {
        var test = V.Create(Wrap("""
                if (name != IntPtr.Zero)
                {
                    var a = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    var b = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    Native.connect(a, addr, 16);
                    Native.connect(b, addr, 16);
                    {|SSX006:Native.WSASetSocketPeerTargetName(a, name, 64, IntPtr.Zero, IntPtr.Zero)|};
                    {|SSX006:Native.WSASetSocketPeerTargetName(b, name, 64, IntPtr.Zero, IntPtr.Zero)|};
                }
        """), Wrap("""
                if (name != IntPtr.Zero)
                {
                    var a = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    var b = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    Native.WSASetSocketPeerTargetName(a, name, 64, IntPtr.Zero, IntPtr.Zero);
                    Native.connect(a, addr, 16);
                    Native.WSASetSocketPeerTargetName(b, name, 64, IntPtr.Zero, IntPtr.Zero);
                    Native.connect(b, addr, 16);
                }
        """), Move, new[] { Bindings.DllImport });
        test.TestState.Sources.Add(("Second.cs", """
            class D
            {
                void N(IntPtr addr, IntPtr name)
                {
                    var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    Native.connect(s, addr, 16);
                    {|SSX006:Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
                }
            }
            """));
        test.FixedState.Sources.Add(("Second.cs", """
            class D
            {
                void N(IntPtr addr, IntPtr name)
                {
                    var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero);
                    Native.connect(s, addr, 16);
                }
            }
            """));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task No_move_on_an_accepted_socket() => V.NoFixAsync(Wrap("""
                var l = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.bind(l, addr, 16);
                Native.listen(l, 5);
                var c = Native.accept(l, IntPtr.Zero, IntPtr.Zero);
                {|SSX006:Native.WSASetSocketPeerTargetName(c, name, 64, IntPtr.Zero, IntPtr.Zero)|};
        """), Move, Bindings.DllImport);

    [Fact]
    public Task No_move_when_the_name_is_built_after_the_connect() => V.NoFixAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                var spn = Marshal.StringToHGlobalUni("host/server");
                {|SSX006:Native.WSASetSocketPeerTargetName(s, spn, 64, IntPtr.Zero, IntPtr.Zero)|};
        """), Move, Bindings.DllImport);
}
