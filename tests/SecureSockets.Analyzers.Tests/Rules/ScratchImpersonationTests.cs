using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Rules.ImpersonationAnalyzer>;

namespace SecureSockets.Analyzers.Tests.Rules;

public class ScratchImpersonationTests
{
    [Fact]
    public Task Straight_line_revert_after_work_is_flagged() => V.AnalyzerAsync("""
        class C
        {
            void Work() { }
            void M(ref SecHandle h)
            {
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                Work();
                Sspi.RevertSecurityContext(ref h);
            }
        }
        """, SspiBindings.DllImportRefStruct);

    [Fact]
    public Task Finally_revert_is_clean() => V.AnalyzerAsync("""
        class C
        {
            void Work() { }
            void M(ref SecHandle h)
            {
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { Work(); }
                finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """, SspiBindings.DllImportRefStruct);

    [Fact]
    public Task Discarded_and_rejoin() => V.AnalyzerAsync("""
        class C
        {
            void Work() { }
            void Log(int s) { }
            void M(ref SecHandle h)
            {
                {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
            }
            void N(ref SecHandle h)
            {
                var status = {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                if (status != 0) Log(status);
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """, SspiBindings.DllImportRefStruct);

    [Fact]
    public Task Await_while_impersonating() => V.AnalyzerAsync("""
        class C
        {
            SecHandle h;
            async Task A()
            {
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { {|SSX008:await|} Task.Delay(1); }
                finally { Sspi.RevertSecurityContext(ref h); }
            }
        }
        """, SspiBindings.DllImportRefStruct);

    [Fact]
    public Task Correlated_flag_is_clean() => V.AnalyzerAsync("""
        class C
        {
            void Work() { }
            void M(ref SecHandle h, bool ok)
            {
                if (ok) { if (Sspi.ImpersonateSecurityContext(ref h) != 0) throw new InvalidOperationException(); }
                try { Work(); }
                finally { if (ok) Sspi.RevertSecurityContext(ref h); }
            }
        }
        """, SspiBindings.DllImportRefStruct);

    [Fact]
    public Task Begin_helper_is_not_reported_caller_is() => V.AnalyzerAsync("""
        class C
        {
            static SecHandle h;
            static int Begin() => Sspi.ImpersonateSecurityContext(ref h);
            static void Work() { }
            static void Caller()
            {
                if ({|SSX004:Begin()|} != 0) return;
                Work();
                Sspi.RevertSecurityContext(ref h);
            }
        }
        """, SspiBindings.DllImportRefStruct);
}
