using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.CodeFixes.CodeFixVerify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.CodeFixes.SSX016RevertResultDiscardedCodeFix, SecureSockets.Analyzers.Tests.Infrastructure.SSX016>;

namespace SecureSockets.Analyzers.Tests.CodeFixes;

/// <summary>SSX016 fixes: fail fast when the revert fails; rewrite a checked try/finally region into the wrapper's scope.</summary>
public class SSX016RevertResultDiscardedCodeFixTests
{
    private const string FailFast = "SSX016.FailFast";
    private const string Scope = "SSX016.UseSecurityContextImpersonation";

    private static readonly string[] Shapes =
    {
        SspiBindings.DllImportRefStruct, SspiBindings.EnumStatus, SspiBindings.HResultStruct,
    };

    private static string Wrap(string body) => $$"""
        class C
        {
            static void Work() { }

            void M(ref SecHandle h, CtxtHandle ch)
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public Task Int_status_fails_fast_when_not_zero() => V.VerifyAsync(Wrap("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally
                {
                    {|SSX016:Sspi.RevertSecurityContext(ref h)|}; // end impersonation
                }
        """), Wrap("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally
                {
                    if (Sspi.RevertSecurityContext(ref h) != 0)
                    {
                        Environment.FailFast("RevertSecurityContext failed: the thread may still be impersonating the client.");
                    } // end impersonation
                }
        """), FailFast, Shapes);

    [Fact]
    public Task Every_binding_convention_and_fix_all() => V.VerifyAsync(Wrap("""
                {|SSX016:PeerImp.WSARevertImpersonation()|};
                {|SSX016:Sspi.RevertToSelf()|};
                _ = {|SSX016:SspiEnum.RevertSecurityContext(ref h)|};
                {|SSX016:SspiH.RevertSecurityContext(in ch)|};
        """), Wrap("""
                if (PeerImp.WSARevertImpersonation() != 0)
                {
                    Environment.FailFast("WSARevertImpersonation failed: the thread may still be impersonating the client.");
                }
                if (!Sspi.RevertToSelf())
                {
                    Environment.FailFast("RevertToSelf failed: the thread may still be impersonating the client.");
                }
                if (SspiEnum.RevertSecurityContext(ref h) != 0)
                {
                    Environment.FailFast("RevertSecurityContext failed: the thread may still be impersonating the client.");
                }
                if (SspiH.RevertSecurityContext(in ch).Failed)
                {
                    Environment.FailFast("RevertSecurityContext failed: the thread may still be impersonating the client.");
                }
        """), FailFast, Shapes);

    [Fact]
    public Task Local_never_read_is_checked_after_its_statement() => V.VerifyAsync(Wrap("""
                var rc = {|SSX016:PeerImp.WSARevertImpersonation()|};
                Work();
        """), Wrap("""
                var rc = PeerImp.WSARevertImpersonation();
                if (rc != 0)
                {
                    Environment.FailFast("WSARevertImpersonation failed: the thread may still be impersonating the client.");
                }

                Work();
        """), FailFast, Shapes);

    [Fact]
    public Task Expression_bodied_dispose_gets_a_block_body() => V.VerifyAsync("""
        sealed class Handle : IDisposable
        {
            private SecHandle context;
            public void Dispose() => {|SSX016:Sspi.RevertSecurityContext(ref context)|};
        }
        """, """
        sealed class Handle : IDisposable
        {
            private SecHandle context;
            public void Dispose()
            {
                if (Sspi.RevertSecurityContext(ref context) != 0)
                {
                    Environment.FailFast("RevertSecurityContext failed: the thread may still be impersonating the client.");
                }
            }
        }
        """, FailFast, Shapes);

    [Fact]
    public Task Helper_call_dropped_by_its_caller_is_checked_in_the_helpers_convention() => V.VerifyAsync("""
        class C
        {
            void M()
            {
                {|SSX016:End()|};
            }

            static bool End() => Sspi.RevertToSelf();
        }
        """, """
        class C
        {
            void M()
            {
                if (!End())
                {
                    Environment.FailFast("End failed: the thread may still be impersonating the client.");
                }
            }

            static bool End() => Sspi.RevertToSelf();
        }
        """, FailFast, Shapes);

    [Fact]
    public Task A_lambda_expression_body_gets_no_fix() => V.NoFixAsync(Wrap("""
                Action revert = () => {|SSX016:Sspi.RevertToSelf()|};
                revert();
        """), FailFast, Shapes);

    // ---- The wrapper's scope -------------------------------------------------------------------------------

    [Fact]
    public Task Checked_impersonation_with_a_finally_that_only_reverts_becomes_a_scope() => V.VerifyWithWrapperAsync(Wrap("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0)
                {
                    throw new InvalidOperationException("no impersonation");
                }

                try
                {
                    Work();
                }
                finally
                {
                    {|SSX016:Sspi.RevertSecurityContext(ref h)|};
                }
        """), "using SecureSockets;\n\n" + Wrap("""
                using (SecurityContextImpersonation.Begin(h))
                {
                    Work();
                }
        """), Scope, Shapes);

    [Fact]
    public Task Finally_doing_more_than_the_revert_gets_no_scope() => V.NoFixAsync(Wrap("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally { {|SSX016:Sspi.RevertSecurityContext(ref h)|}; Work(); }
        """), Scope, withWrapper: true, Shapes);

    [Fact]
    public Task Unchecked_impersonation_or_a_catch_gets_no_scope() => V.NoFixAsync(Wrap("""
                Sspi.ImpersonateSecurityContext(ref h);
                try { Work(); }
                finally { {|SSX016:Sspi.RevertSecurityContext(ref h)|}; }
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                catch (InvalidOperationException) { }
                finally { {|SSX016:Sspi.RevertSecurityContext(ref h)|}; }
        """), Scope, withWrapper: true, Shapes);

    [Fact]
    public Task Without_the_wrapper_referenced_there_is_no_scope() => V.NoFixAsync(Wrap("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally { {|SSX016:Sspi.RevertSecurityContext(ref h)|}; }
        """), Scope, Shapes);
}
