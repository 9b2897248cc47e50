using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX016>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX016: revert failure not handled (C-SSPI-3, C-ALL-2; reading 24).</summary>
public class SSX016RevertResultDiscardedTests
{
    private static readonly string[] Shapes =
    {
        SspiBindings.DllImportRefStruct, SspiBindings.EnumStatus, SspiBindings.HResultStruct,
    };

    private static Task Verify(string body) => V.AnalyzerAsync(Wrap(body), Shapes);

    private static string Wrap(string body) => $$"""
        class C
        {
            static void Work() { }
            static void Log(object o) { }

            void M(ref SecHandle h, CtxtHandle ch, IntPtr thread, bool flag)
            {
        {{body}}
            }
        }
        """;

    // ---- Flagged -------------------------------------------------------------------------------------------

    [Fact]
    public Task Every_revert_whose_status_is_an_expression_statement_is_flagged() => Verify("""
                {|SSX016:Sspi.RevertSecurityContext(ref h)|};
                {|SSX016:PeerImp.WSARevertImpersonation()|};
                {|SSX016:Sspi.RevertToSelf()|};
                {|SSX016:Sspi.SetThreadToken(IntPtr.Zero, IntPtr.Zero)|};
                {|SSX016:SspiEnum.RevertSecurityContext(ref h)|};
                {|SSX016:SspiH.RevertSecurityContext(in ch)|};
        """);

    [Fact]
    public Task Discard_assignment_and_a_local_never_read_are_flagged_reading_24() => Verify("""
                _ = {|SSX016:Sspi.RevertSecurityContext(ref h)|};
                var rc = {|SSX016:PeerImp.WSARevertImpersonation()|};
                bool ok;
                ok = {|SSX016:Sspi.RevertToSelf()|};
        """);

    [Fact]
    public Task Revert_in_a_finally_is_flagged() => Verify("""
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally { {|SSX016:Sspi.RevertSecurityContext(ref h)|}; }
        """);

    [Fact]
    public Task Owner_dispose_with_an_expression_body_is_flagged() => V.AnalyzerAsync("""
        sealed class Handle : IDisposable
        {
            private SecHandle context;
            public void Dispose() => {|SSX016:Sspi.RevertSecurityContext(ref context)|};
        }
        """, Shapes);

    [Fact]
    public Task Helper_returning_the_revert_status_is_flagged_where_the_caller_drops_it_reading_24() => V.AnalyzerAsync("""
        class C
        {
            void M(ref SecHandle h)
            {
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { }
                finally { {|SSX016:End(ref h)|}; }
                {|SSX016:EndTwoDeep(ref h)|};
                var kept = {|SSX016:EndThroughLocal()|};
            }

            static int End(ref SecHandle h) => Sspi.RevertSecurityContext(ref h);

            static int EndTwoDeep(ref SecHandle h) => End(ref h);

            static bool EndThroughLocal()
            {
                var ok = Sspi.RevertToSelf();
                return ok;
            }
        }
        """, Shapes);

    // ---- Clean ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Checked_reverts_are_clean() => Verify("""
                if (Sspi.RevertSecurityContext(ref h) != 0) Environment.FailFast("revert failed");
                var rc = PeerImp.WSARevertImpersonation();
                if (rc != 0) Log(rc);
                if (!Sspi.RevertToSelf()) throw new InvalidOperationException();
                SspiH.RevertSecurityContext(in ch).ThrowIfFailed();
                Log(SspiEnum.RevertSecurityContext(ref h));
        """);

    [Fact]
    public Task Status_returned_to_the_caller_is_the_callers_business() => V.AnalyzerAsync("""
        class C
        {
            int End(ref SecHandle h) => Sspi.RevertSecurityContext(ref h);

            int EndBlock(ref SecHandle h)
            {
                var status = Sspi.RevertSecurityContext(ref h);
                return status;
            }

            void Caller(ref SecHandle h)
            {
                if (End(ref h) != 0 || EndBlock(ref h) != 0) Environment.FailFast("revert failed");
            }
        }
        """, Shapes);

    [Fact]
    public Task SetThreadToken_with_a_token_is_no_revert() => Verify("""
                Sspi.SetThreadToken(IntPtr.Zero, thread);
        """);

    [Fact]
    public Task A_void_helper_that_reverts_and_checks_is_clean() => V.AnalyzerAsync("""
        class C
        {
            void M(ref SecHandle h)
            {
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { } finally { End(ref h); }
            }

            static void End(ref SecHandle h)
            {
                if (Sspi.RevertSecurityContext(ref h) != 0) Environment.FailFast("revert failed");
            }
        }
        """, Shapes);
}
