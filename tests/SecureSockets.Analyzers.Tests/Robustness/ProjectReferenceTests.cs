using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Robustness;

/// <summary>
/// The IDE shape (TOOLCHAIN.md): the bindings and helpers live in another project of the same solution, referenced as a
/// project. There its symbols have syntax trees of another compilation; binding one of them threw (AD0001 from every
/// analyzer). Such helpers are metadata to us: their calls are opaque (silent), the APIs they declare are still APIs.
/// Every rule is run in this shape, flagged and silent.
/// </summary>
public class ProjectReferenceTests
{
    /// <summary>The referenced project: the bindings, plus helpers that would be summarized if they were in this compilation.</summary>
    private static readonly string[] Library =
    {
        Bindings.DllImport,
        SspiBindings.DllImportRefStruct,
        """
        public static class LibHelpers
        {
            public static void Connect(IntPtr s) { Native.connect(s, IntPtr.Zero, 0); }
            public static int Secure(IntPtr s) => Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
            public static int Begin(ref SecHandle h) => Sspi.ImpersonateSecurityContext(ref h);
            public static void BeginPeer(IntPtr s)
            {
                if (Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) throw new InvalidOperationException();
            }
        }

        public sealed class PeerOwner : IDisposable
        {
            private int fieldSetByHelper;
            public void Touch() { fieldSetByHelper++; }
            void IDisposable.Dispose() { if (Native.WSARevertImpersonation() != 0) Environment.FailFast("revert failed"); }
        }

        public struct ContextOwner : IDisposable
        {
            private SecHandle h;
            public ContextOwner(SecHandle h) { this.h = h; }
            public void Dispose() { if (Sspi.RevertSecurityContext(ref h) != 0) Environment.FailFast("revert failed"); }
        }
        """,
    };

    private static Task Run<TRule>(string body)
        where TRule : IRule
        => Verify<AllRules>.AnalyzerAsync(
            $$"""
            class C
            {
                private IntPtr field;
                static void Work() { }

                async Task M(IntPtr s, IntPtr t, SecHandle h, PeerOwner owner)
                {
            {{body}}
                    await Task.Yield();
                }
            }
            """,
            System.Array.Empty<string>(),
            metadataReferences: null,
            onlyRule: TRule.Id,
            librarySources: Library);

    [Fact]
    public Task SSX001_api_of_the_referenced_project_is_recognized_and_its_helpers_are_opaque() => Run<SSX001>("""
                Native.connect(s, IntPtr.Zero, 0);
                if ({|SSX001:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} != 0) return;
                LibHelpers.Connect(t);
                if (Native.WSASetSocketSecurity(t, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
        """);

    [Fact]
    public Task SSX002_second_secure_is_flagged_and_a_referenced_helper_is_opaque() => Run<SSX002>("""
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                if ({|SSX002:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} != 0) return;
                if (LibHelpers.Secure(t) != 0) return;
                if (Native.WSASetSocketSecurity(t, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
        """);

    [Fact]
    public Task SSX003_unreverted_peer_impersonation_is_flagged_and_a_referenced_begin_helper_is_opaque() => Run<SSX003>("""
                LibHelpers.BeginPeer(t);
                owner.Touch();
                if ({|SSX003:Native.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                Work();
                Native.WSARevertImpersonation();
        """);

    [Fact]
    public Task SSX004_unreverted_context_impersonation_is_flagged_and_a_referenced_owner_is_opaque() => Run<SSX004>("""
                if (LibHelpers.Begin(ref h) != 0) return;
                using (new ContextOwner(h)) { Work(); }
                if ({|SSX004:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                Work();
                Sspi.RevertSecurityContext(ref h);
        """);

    [Fact]
    public Task SSX005_discarded_status_is_flagged_and_a_referenced_begin_helper_is_opaque() => Run<SSX005>("""
                LibHelpers.Begin(ref h);
                {|SSX005:Sspi.ImpersonateSecurityContext(ref h)|};
                try { Work(); } finally { Sspi.RevertSecurityContext(ref h); }
        """);

    [Fact]
    public Task SSX006_target_name_after_connect_is_flagged_and_a_referenced_connect_helper_is_opaque() => Run<SSX006>("""
                Native.connect(s, IntPtr.Zero, 0);
                if ({|SSX006:Native.WSASetSocketPeerTargetName(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} != 0) return;
                LibHelpers.Connect(t);
                if (Native.WSASetSocketPeerTargetName(t, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
        """);

    [Fact]
    public Task SSX007_discarded_secure_status_is_flagged_and_a_referenced_helper_is_opaque() => Run<SSX007>("""
                {|SSX007:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
                LibHelpers.Secure(t);
                LibHelpers.Connect(t);
        """);

    [Fact]
    public Task SSX008_await_while_impersonating_is_flagged_and_a_referenced_begin_helper_is_opaque() => Run<SSX008>("""
                LibHelpers.BeginPeer(t);
                await Task.Delay(1);
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                try { {|SSX008:await|} Task.Delay(1); } finally { Sspi.RevertSecurityContext(ref h); }
        """);
}
