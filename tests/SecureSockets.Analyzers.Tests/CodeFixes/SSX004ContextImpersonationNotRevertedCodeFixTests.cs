using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.CodeFixes.CodeFixVerify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.CodeFixes.SSX004ContextImpersonationNotRevertedCodeFix, SecureSockets.Analyzers.Tests.Infrastructure.SSX004>;

namespace SecureSockets.Analyzers.Tests.CodeFixes;

/// <summary>SSX004 fixes: revert in a finally block; rewrite into a SecurityContextImpersonation scope.</summary>
public class SSX004ContextImpersonationNotRevertedCodeFixTests
{
    private const string Finally = "SSX004.RevertInFinally";
    private const string Scope = "SSX004.UseSecurityContextImpersonation";

    private static readonly string[] Shapes =
    {
        SspiBindings.DllImportRefStruct, SspiBindings.EnumStatus, SspiBindings.HResultStruct, SspiBindings.ClassHandle,
    };

    private static string Wrap(string body) => $$"""
        class C
        {
            static void Work() { }

            void M(ref SecHandle h, SecHandleClass hc, CtxtHandle ch, bool flag)
            {
        {{body}}
            }
        }
        """;

    // ---- Revert in a finally block ----------------------------------------------------------------------

    [Fact]
    public Task Existing_revert_moves_into_finally() => V.VerifyAsync(Wrap("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                Work();
                Sspi.RevertSecurityContext(ref h);
        """), Wrap("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try
                {
                    Work();
                }
                finally
                {
                    Sspi.RevertSecurityContext(ref h);
                }
        """), Finally, Shapes);

    [Fact]
    public Task Missing_revert_uses_the_same_class_and_handle() => V.VerifyAsync(Wrap("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != Sspi.SEC_E_OK) return;
                Work();
        """), Wrap("""
                if (Sspi.ImpersonateSecurityContext(ref h) != Sspi.SEC_E_OK) return;
                try
                {
                    Work();
                }
                finally
                {
                    Sspi.RevertSecurityContext(ref h);
                }
        """), Finally, Shapes);

    [Fact]
    public Task Missing_revert_HResult_binding_with_in_handle() => V.VerifyAsync(Wrap("""
                if ({|SSX004:SspiH.ImpersonateSecurityContext(in ch)|}.Failed) return;
                Work();
        """), Wrap("""
                if (SspiH.ImpersonateSecurityContext(in ch).Failed) return;
                try
                {
                    Work();
                }
                finally
                {
                    SspiH.RevertSecurityContext(in ch);
                }
        """), Finally, Shapes);

    [Fact]
    public Task Missing_revert_class_handle() => V.VerifyAsync(Wrap("""
                var status = {|SSX004:SspiClass.ImpersonateSecurityContext(hc)|};
                if (status != 0) throw new System.ComponentModel.Win32Exception(status);
                Work();
        """), Wrap("""
                var status = SspiClass.ImpersonateSecurityContext(hc);
                if (status != 0) throw new System.ComponentModel.Win32Exception(status);
                try
                {
                    Work();
                }
                finally
                {
                    SspiClass.RevertSecurityContext(hc);
                }
        """), Finally, Shapes);

    [Fact]
    public Task Top_level_statements()
    {
        var test = V.Create("""
            var h = new SecHandle();
            if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
            Console.WriteLine("as the client");
            Sspi.RevertSecurityContext(ref h);
            """, """
            var h = new SecHandle();
            if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
            try
            {
                Console.WriteLine("as the client");
            }
            finally
            {
                Sspi.RevertSecurityContext(ref h);
            }
            """, Finally, Shapes);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Fix_all_in_one_document_and_a_second_file()
    {
        var test = V.Create(Wrap("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                Work();
                Sspi.RevertSecurityContext(ref h);
                if (flag)
                {
                    if ({|SSX004:SspiClass.ImpersonateSecurityContext(hc)|} != 0) return;
                    Work();
                }
        """), Wrap("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try
                {
                    Work();
                }
                finally
                {
                    Sspi.RevertSecurityContext(ref h);
                }

                if (flag)
                {
                    if (SspiClass.ImpersonateSecurityContext(hc) != 0) return;
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        SspiClass.RevertSecurityContext(hc);
                    }
                }
        """), Finally, Shapes);
        test.TestState.Sources.Add(("Second.cs", """
            class D
            {
                void M(ref SecHandle h)
                {
                    if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                    Console.WriteLine();
                }
            }
            """));
        test.FixedState.Sources.Add(("Second.cs", """
            class D
            {
                void M(ref SecHandle h)
                {
                    if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                    try
                    {
                        Console.WriteLine();
                    }
                    finally
                    {
                        Sspi.RevertSecurityContext(ref h);
                    }
                }
            }
            """));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task No_finally_fix_when_a_branch_reverts_too() => V.NoFixAsync(Wrap("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                if (flag)
                {
                    Sspi.RevertSecurityContext(ref h);
                    return;
                }

                Work();
                Sspi.RevertSecurityContext(ref h);
        """), Finally, Shapes);

    // ---- SecurityContextImpersonation scope ------------------------------------------------------------

    [Fact]
    public Task Checked_call_and_revert_become_a_scope() => V.VerifyWithWrapperAsync(Wrap("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0)
                {
                    throw new System.ComponentModel.Win32Exception();
                }

                Work();
                Sspi.RevertSecurityContext(ref h);
                Console.WriteLine("done");
        """), "using SecureSockets;\n\n" + Wrap("""
                using (SecurityContextImpersonation.Begin(h))
                {
                    Work();
                }

                Console.WriteLine("done");
        """), Scope, Shapes);

    [Fact]
    public Task Status_local_check_and_missing_revert_become_a_scope() => V.VerifyWithWrapperAsync("""
        using SecureSockets;

        class C
        {
            SecHandle context;

            void M()
            {
                int status = {|SSX004:Sspi.ImpersonateSecurityContext(ref context)|};
                if (status != Sspi.SEC_E_OK) return;
                Console.WriteLine("as the client");
            }
        }
        """, """
        using SecureSockets;

        class C
        {
            SecHandle context;

            void M()
            {
                using (SecurityContextImpersonation.Begin(context))
                {
                    Console.WriteLine("as the client");
                }
            }
        }
        """, Scope, Shapes);

    [Fact]
    public Task No_scope_for_a_class_handle() => V.NoFixAsync(Wrap("""
                if ({|SSX004:SspiClass.ImpersonateSecurityContext(hc)|} != 0) return;
                Work();
        """), Scope, withWrapper: true, Shapes);

    [Fact]
    public Task No_scope_when_the_status_is_not_tested_right_after() => V.NoFixAsync(Wrap("""
                {|SSX004:Sspi.ImpersonateSecurityContext(ref h)|};
                Work();
        """), Scope, withWrapper: true, Shapes);

    [Fact]
    public Task No_scope_without_the_wrapper_referenced() => V.NoFixAsync(Wrap("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                Work();
        """), Scope, withWrapper: false, Shapes);

    [Fact]
    public Task Return_of_a_work_local_after_the_revert_goes_into_the_scope() => V.VerifyWithWrapperAsync("""
        class C
        {
            static T RunAsClient<T>(ref SecHandle context, Func<T> work)
            {
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref context)|} != Sspi.SEC_E_OK)
                {
                    throw new System.ComponentModel.Win32Exception();
                }

                var result = work();
                Sspi.RevertSecurityContext(ref context);
                return result;
            }
        }
        """, """
        using SecureSockets;

        class C
        {
            static T RunAsClient<T>(ref SecHandle context, Func<T> work)
            {
                using (SecurityContextImpersonation.Begin(context))
                {
                    var result = work();
                    return result;
                }
            }
        }
        """, Scope, Shapes);

    [Fact]
    public Task Return_of_a_work_local_after_the_revert_moves_into_the_try() => V.VerifyAsync("""
        class C
        {
            static T RunAsClient<T>(ref SecHandle context, Func<T> work)
            {
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref context)|} != Sspi.SEC_E_OK)
                {
                    throw new System.ComponentModel.Win32Exception();
                }

                var result = work();
                Sspi.RevertSecurityContext(ref context);
                return result;
            }
        }
        """, """
        class C
        {
            static T RunAsClient<T>(ref SecHandle context, Func<T> work)
            {
                if (Sspi.ImpersonateSecurityContext(ref context) != Sspi.SEC_E_OK)
                {
                    throw new System.ComponentModel.Win32Exception();
                }

                try
                {
                    var result = work();
                    return result;
                }
                finally
                {
                    Sspi.RevertSecurityContext(ref context);
                }
            }
        }
        """, Finally, Shapes);

    // ---- A fix never breaks an ownership hand-off (issue 14, class 12) -------------------------------------------

    private const string HandOffOwner = """
        public sealed class Handle : IDisposable
        {
            private SecHandle context;
            public Handle(SecHandle context) { this.context = context; }
            public void Dispose() { }
        }
        """;

    [Fact]
    public Task No_fix_when_the_region_returns_an_owner_after_work_that_may_throw() => V.NoFixAsync("""
        class C
        {
            static void Audit() { }

            Handle M(ref SecHandle h)
            {
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) throw new InvalidOperationException();
                Audit();
                return new Handle(h);
            }
        }
        """, Finally, [.. Shapes, HandOffOwner]);

    [Fact]
    public Task No_fix_when_the_region_stores_a_new_disposable_in_a_field() => V.NoFixAsync("""
        class C
        {
            private Handle current;
            static void Audit() { }

            void M(ref SecHandle h)
            {
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) throw new InvalidOperationException();
                Audit();
                current = new Handle(h);
            }
        }
        """, Finally, [.. Shapes, HandOffOwner]);

    [Fact]
    public Task A_disposable_kept_in_a_local_inside_the_region_is_no_hand_off() => V.VerifyAsync(Wrap("""
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                var buffer = new System.IO.MemoryStream();
                Work();
                Sspi.RevertSecurityContext(ref h);
        """), Wrap("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try
                {
                    var buffer = new System.IO.MemoryStream();
                    Work();
                }
                finally
                {
                    Sspi.RevertSecurityContext(ref h);
                }
        """), Finally, Shapes);
}
