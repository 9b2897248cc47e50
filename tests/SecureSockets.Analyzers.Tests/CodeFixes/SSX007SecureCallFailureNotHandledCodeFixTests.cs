using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.CodeFixes.CodeFixVerify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.CodeFixes.SSX007SecureCallFailureNotHandledCodeFix, SecureSockets.Analyzers.Tests.Infrastructure.SSX007>;

namespace SecureSockets.Analyzers.Tests.CodeFixes;

/// <summary>SSX007 fix: throw on failure right after WSASetSocketSecurity / WSASetSocketPeerTargetName.</summary>
public class SSX007SecureCallFailureNotHandledCodeFixTests
{
    private const string Throw = "SSX007.ThrowOnFailure";

    private static string Wrap(string body) => $$"""
        class C
        {
            static void Log(object o) { }

            void M(IntPtr addr, IntPtr settings, IntPtr name)
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public Task Discarded_secure_with_SetLastError_uses_GetLastWin32Error() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero);
                if (rc == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Marshal.GetLastWin32Error());
                }

                Native.connect(s, addr, 16);
        """), Throw, Bindings.DllImport);

    [Fact]
    public Task Discard_assignment_of_the_target_name() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                _ = {|SSX007:Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|}; // name the server
                Native.connect(s, addr, 16);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                var rc = Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero); // name the server
                if (rc == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Marshal.GetLastWin32Error());
                }

                Native.connect(s, addr, 16);
        """), Throw, Bindings.DllImport);

    [Fact]
    public Task LibraryImport_with_SetLastError_and_no_SOCKET_ERROR_constant() => V.VerifyAsync("""
        class C
        {
            void M(nint addr)
            {
                nint s = Interop.socket(2, 1, 6);
                {|SSX007:Interop.WSASetSocketSecurity(s, 0, 0, 0, 0)|};
                Interop.connect(s, addr, 16);
            }
        }
        """, """
        class C
        {
            void M(nint addr)
            {
                nint s = Interop.socket(2, 1, 6);
                var rc = Interop.WSASetSocketSecurity(s, 0, 0, 0, 0);
                if (rc == -1)
                {
                    throw new SocketException(Marshal.GetLastWin32Error());
                }

                Interop.connect(s, addr, 16);
            }
        }
        """, Throw, Bindings.LibraryImport);

    [Fact]
    public Task Renamed_import_without_SetLastError_uses_the_compilations_WSAGetLastError() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                {|SSX007:Renamed.ApplySecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = Renamed.ApplySecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero);
                if (rc == -1)
                {
                    throw new SocketException(Native.WSAGetLastError());
                }

                Native.connect(s, addr, 16);
        """), Throw, Bindings.DllImport, Bindings.EntryPointRenamed);

    [Fact]
    public Task Status_local_never_tested_gets_a_check() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                int result = {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                int result = Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero);
                if (result == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Marshal.GetLastWin32Error());
                }

                Native.connect(s, addr, 16);
        """), Throw, Bindings.DllImport);

    [Fact]
    public Task Fallback_to_an_unsecured_socket_gets_a_throw() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if ({|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|} != 0) Log("no IPsec");
                Native.connect(s, addr, 16);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                {
                    Log("no IPsec");
                    throw new SocketException(Marshal.GetLastWin32Error());
                }
                Native.connect(s, addr, 16);
        """), Throw, Bindings.DllImport);

    [Fact]
    public Task WSAIoctl_SIO_SET_SECURITY_discarded() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                {|SSX007:Native.WSAIoctl(s, Native.SIO_SET_SECURITY, settings, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = Native.WSAIoctl(s, Native.SIO_SET_SECURITY, settings, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero);
                if (rc == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Marshal.GetLastWin32Error());
                }

                Native.connect(s, addr, 16);
        """), Throw, Bindings.DllImport);

    [Fact]
    public Task Nested_block() => V.VerifyAsync(Wrap("""
                if (addr != IntPtr.Zero)
                {
                    var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                    Native.connect(s, addr, 16);
                }
        """), Wrap("""
                if (addr != IntPtr.Zero)
                {
                    var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                    var rc = Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero);
                    if (rc == Native.SOCKET_ERROR)
                    {
                        throw new SocketException(Marshal.GetLastWin32Error());
                    }

                    Native.connect(s, addr, 16);
                }
        """), Throw, Bindings.DllImport);

    [Fact]
    public Task Top_level_statements()
    {
        var test = V.Create("""
            var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            {|SSX007:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
            Native.connect(s, IntPtr.Zero, 16);
            """, """
            var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            var rc = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
            if (rc == Native.SOCKET_ERROR)
            {
                throw new SocketException(Marshal.GetLastWin32Error());
            }

            Native.connect(s, IntPtr.Zero, 16);
            """, Throw, new[] { Bindings.DllImport });
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Fix_all_takes_distinct_names_and_fixes_a_second_file()
    {
        var test = V.Create(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                {|SSX007:Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero);
                if (rc == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Marshal.GetLastWin32Error());
                }

                var rc1 = Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero);
                if (rc1 == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Marshal.GetLastWin32Error());
                }

                Native.connect(s, addr, 16);
        """), Throw, new[] { Bindings.DllImport });
        test.TestState.Sources.Add(("Second.cs", """
            class D
            {
                void N(IntPtr s)
                {
                    {|SSX007:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                }
            }
            """));
        test.FixedState.Sources.Add(("Second.cs", """
            class D
            {
                void N(IntPtr s)
                {
                    var rc = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                    if (rc == Native.SOCKET_ERROR)
                    {
                        throw new SocketException(Marshal.GetLastWin32Error());
                    }
                }
            }
            """));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task No_fix_without_an_error_source() => V.NoFixAsync("""
        class C
        {
            void M(nint s, nint name, nint addr)
            {
                {|SSX007:Interop.SetPeerTargetName(s, name, 64, 0, 0)|};
                Interop.connect(s, addr, 16);
            }
        }
        """, Throw, Bindings.LibraryImport);

    [Fact]
    public Task No_fix_for_a_complex_failure_branch() => V.NoFixAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                if (rc != 0)
                {
                    Log("no IPsec");
                    Log(rc);
                }

                Native.connect(s, addr, 16);
        """), Throw, Bindings.DllImport);

    [Fact]
    public Task Status_tested_only_after_the_connect_gets_a_check_right_after_the_call() => V.VerifyAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = {|SSX007:Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero)|};
                Native.connect(s, addr, 16);
                if (rc != 0) throw new InvalidOperationException();
        """), Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var rc = Native.WSASetSocketSecurity(s, settings, 0, IntPtr.Zero, IntPtr.Zero);
                if (rc == Native.SOCKET_ERROR)
                {
                    throw new SocketException(Marshal.GetLastWin32Error());
                }

                Native.connect(s, addr, 16);
                if (rc != 0) throw new InvalidOperationException();
        """), Throw, Bindings.DllImport);

    [Fact]
    public Task No_fix_in_an_expression_bodied_member() => V.NoFixAsync("""
        class C
        {
            void M(IntPtr s) => {|SSX007:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
        }
        """, Throw, Bindings.DllImport);
}
