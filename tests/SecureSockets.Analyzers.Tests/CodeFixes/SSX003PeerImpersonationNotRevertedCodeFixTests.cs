using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.CodeFixes.CodeFixVerify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.CodeFixes.SSX003PeerImpersonationNotRevertedCodeFix, SecureSockets.Analyzers.Tests.Infrastructure.SSX003>;

namespace SecureSockets.Analyzers.Tests.CodeFixes;

/// <summary>SSX003 fix: revert the socket peer impersonation in a finally block.</summary>
public class SSX003PeerImpersonationNotRevertedCodeFixTests
{
    private const string Finally = "SSX003.RevertInFinally";

    private static readonly string[] Shapes =
    {
        Bindings.DllImport, SspiBindings.DllImportRefStruct, SspiBindings.SafeHandleHeld, SspiBindings.PeerLibraryImport,
    };

    private static string Wrap(string body) => $$"""
        class C
        {
            static void Work() { }
            static int Compute() => 1;

            void M(IntPtr s, SafeSocketHandle ss, nint ns, bool flag)
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public Task Existing_revert_moves_into_finally_DllImport() => V.VerifyAsync(Wrap("""
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                Work();
                Native.WSARevertImpersonation();
        """), Wrap("""
                if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                try
                {
                    Work();
                }
                finally
                {
                    Native.WSARevertImpersonation();
                }
        """), Finally, Shapes);

    [Fact]
    public Task Missing_revert_is_written_from_the_same_binding_class() => V.VerifyAsync(Wrap("""
                if ({|SSX003:PeerImp.WSAImpersonateSocketPeer(s, IntPtr.Zero, 16)|} == Native.SOCKET_ERROR) return;
                Work();
        """), Wrap("""
                if (PeerImp.WSAImpersonateSocketPeer(s, IntPtr.Zero, 16) == Native.SOCKET_ERROR) return;
                try
                {
                    Work();
                }
                finally
                {
                    PeerImp.WSARevertImpersonation();
                }
        """), Finally, Shapes);

    [Fact]
    public Task LibraryImport_binding_with_status_local() => V.VerifyAsync(Wrap("""
                int rc = {|SSX003:PeerInterop.WSAImpersonateSocketPeer(ns, 0, 0)|};
                if (rc != 0)
                {
                    return;
                }

                Work();
                PeerInterop.WSARevertImpersonation();
        """), Wrap("""
                int rc = PeerInterop.WSAImpersonateSocketPeer(ns, 0, 0);
                if (rc != 0)
                {
                    return;
                }

                try
                {
                    Work();
                }
                finally
                {
                    PeerInterop.WSARevertImpersonation();
                }
        """), Finally, Shapes);

    [Fact]
    public Task Comments_and_the_statements_after_the_revert_are_kept() => V.VerifyAsync(Wrap("""
                uint rc = {|SSX003:PeerSafe.WSAImpersonateSocketPeer(ss, IntPtr.Zero, 0)|};
                if (rc != 0) return;

                // runs as the peer
                Work();
                var n = Compute(); // checked access
                PeerSafe.WSARevertImpersonation(); // back to self

                Work();
        """), Wrap("""
                uint rc = PeerSafe.WSAImpersonateSocketPeer(ss, IntPtr.Zero, 0);
                if (rc != 0) return;

                try
                {
                    // runs as the peer
                    Work();
                    var n = Compute(); // checked access
                }
                finally
                {
                    PeerSafe.WSARevertImpersonation(); // back to self
                }

                Work();
        """), Finally, Shapes);

    [Fact]
    public Task Nested_block() => V.VerifyAsync(Wrap("""
                if (flag)
                {
                    if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                    Work();
                    Native.WSARevertImpersonation();
                }
        """), Wrap("""
                if (flag)
                {
                    if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        Native.WSARevertImpersonation();
                    }
                }
        """), Finally, Shapes);

    [Fact]
    public Task Top_level_statements()
    {
        var test = V.Create("""
            var s = IntPtr.Zero;
            if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
            Console.WriteLine("as the peer");
            Native.WSARevertImpersonation();
            """, """
            var s = IntPtr.Zero;
            if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
            try
            {
                Console.WriteLine("as the peer");
            }
            finally
            {
                Native.WSARevertImpersonation();
            }
            """, Finally, Shapes);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Fix_all_leaves_an_impersonation_an_earlier_fix_already_covers() => V.VerifyAsync(Wrap("""
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                Work();
                if (flag)
                {
                    if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                    Work();
                }
        """), Wrap("""
                if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                try
                {
                    Work();
                    if (flag)
                    {
                        if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                        Work();
                    }
                }
                finally
                {
                    Native.WSARevertImpersonation();
                }
        """), Finally, Shapes);

    [Fact]
    public Task No_fix_when_a_handler_the_flow_never_enters_reverts_too() => V.NoFixAsync(Wrap("""
                int n = Compute();
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                try { n = checked(n * 1000); } catch (OverflowException) { Native.WSARevertImpersonation(); throw; }
                Work();
                Native.WSARevertImpersonation();
        """), Finally, Shapes);

    [Fact]
    public Task Fix_all_in_two_methods_and_a_second_file()
    {
        var test = V.Create("""
            class C
            {
                static void Work() { }

                void M(IntPtr s)
                {
                    if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                    Work();
                    Native.WSARevertImpersonation();
                }

                void N(IntPtr s)
                {
                    if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                    Work();
                }
            }
            """, """
            class C
            {
                static void Work() { }

                void M(IntPtr s)
                {
                    if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        Native.WSARevertImpersonation();
                    }
                }

                void N(IntPtr s)
                {
                    if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        Native.WSARevertImpersonation();
                    }
                }
            }
            """, Finally, Shapes);
        test.TestState.Sources.Add(("Second.cs", """
            class D
            {
                void M(IntPtr s)
                {
                    if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                    Console.WriteLine();
                    Native.WSARevertImpersonation();
                }
            }
            """));
        test.FixedState.Sources.Add(("Second.cs", """
            class D
            {
                void M(IntPtr s)
                {
                    if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                    try
                    {
                        Console.WriteLine();
                    }
                    finally
                    {
                        Native.WSARevertImpersonation();
                    }
                }
            }
            """));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task No_fix_when_a_branch_reverts_too() => V.NoFixAsync(Wrap("""
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                if (flag)
                {
                    Native.WSARevertImpersonation();
                    return;
                }

                Work();
                Native.WSARevertImpersonation();
        """), Finally, Shapes);

    [Fact]
    public Task No_fix_when_a_local_of_the_work_is_used_after_the_revert() => V.NoFixAsync(Wrap("""
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                var n = Compute();
                Native.WSARevertImpersonation();
                Console.WriteLine(n);
        """), Finally, Shapes);

    [Fact]
    public Task Return_of_a_work_local_after_the_revert_moves_into_the_try() => V.VerifyAsync("""
        class C
        {
            static bool IsPeerAllowed(IntPtr s, Func<bool> accessCheck)
            {
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) // SSX003
                {
                    return false;
                }

                var allowed = accessCheck();
                Native.WSARevertImpersonation();
                return allowed;
            }
        }
        """, """
        class C
        {
            static bool IsPeerAllowed(IntPtr s, Func<bool> accessCheck)
            {
                if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) // SSX003
                {
                    return false;
                }

                try
                {
                    var allowed = accessCheck();
                    return allowed;
                }
                finally
                {
                    Native.WSARevertImpersonation();
                }
            }
        }
        """, Finally, Shapes);
}
