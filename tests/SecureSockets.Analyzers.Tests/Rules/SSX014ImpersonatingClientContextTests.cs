using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX014>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX014: impersonating a client-side security context (C-SSPI-1; Precision 14, 23, reading 24 "Handles").</summary>
public class SSX014ImpersonatingClientContextTests
{
    private static Task Verify(string body) => V.AnalyzerAsync(Wrap(body), SspiBindings.DllImportRefStruct, SspiBindings.Handshake);

    private static string Wrap(string body) => $$"""
        unsafe class C
        {
            private SecHandle field;
            static void Work() { }
            static void Cache(ref SecHandle h) { }

            void M(SecHandle credential, SecHandle given, bool flag)
            {
                SecHandle client = default, server = default, other = default;
        {{body}}
            }
        }
        """;

    private const string Isc = "Handshake.InitializeSecurityContextW(ref credential, IntPtr.Zero, \"host/srv\", 0, 0, 0, IntPtr.Zero, 0, ref client, IntPtr.Zero, out _, out _)";
    private const string Asc = "Handshake.AcceptSecurityContext(ref credential, IntPtr.Zero, IntPtr.Zero, 0, 0, ref server, IntPtr.Zero, out _, out _)";

    private const string ImpersonateClient = """
                if ({|SSX014:Sspi.ImpersonateSecurityContext(ref client)|} != 0) return;
                try { Work(); } finally { if (Sspi.RevertSecurityContext(ref client) != 0) Environment.FailFast("revert"); }
        """;

    // ---- Flagged -------------------------------------------------------------------------------------------

    [Fact]
    public Task Handle_written_by_InitializeSecurityContext_is_flagged_C_SSPI_1() => Verify($$"""
                if ({{Isc}} != 0) return;
        """ + ImpersonateClient);

    [Fact]
    public Task Client_handshake_loop_with_a_renamed_entry_point_is_flagged_Precision_1() => Verify($$"""
                var status = {{Isc}};
                while (status == Handshake.SEC_I_CONTINUE_NEEDED)
                {
                    status = Handshake.ContinueClient(ref credential, ref client, "host/srv", 0, 0, 0, IntPtr.Zero, 0, ref client, IntPtr.Zero, out _, out _);
                }

                if (status != 0) return;
        """ + ImpersonateClient);

    [Fact]
    public Task Copy_of_a_client_handle_is_flagged_Precision_14() => Verify($$"""
                if ({{Isc}} != 0) return;
                var copy = client;
                if ({|SSX014:Sspi.ImpersonateSecurityContext(ref copy)|} != 0) return;
                try { Work(); } finally { if (Sspi.RevertSecurityContext(ref copy) != 0) Environment.FailFast("revert"); }
        """);

    [Fact]
    public Task Field_written_by_InitializeSecurityContext_is_flagged() => Verify("""
                if (Handshake.InitializeSecurityContextW(ref credential, IntPtr.Zero, "host/srv", 0, 0, 0, IntPtr.Zero, 0, ref field, IntPtr.Zero, out _, out _) != 0) return;
                if ({|SSX014:Sspi.ImpersonateSecurityContext(ref field)|} != 0) return;
                try { Work(); } finally { if (Sspi.RevertSecurityContext(ref field) != 0) Environment.FailFast("revert"); }
        """);

    [Fact]
    public Task Helper_that_initializes_the_handle_two_deep_is_followed_reading_24() => V.AnalyzerAsync($$"""
        class C
        {
            static void Work() { }

            void M(SecHandle credential)
            {
                SecHandle client = default;
                Connect(ref credential, ref client);
                if ({|SSX014:Sspi.ImpersonateSecurityContext(ref client)|} != 0) return;
                try { Work(); } finally { if (Sspi.RevertSecurityContext(ref client) != 0) Environment.FailFast("revert"); }
            }

            static void Connect(ref SecHandle credential, ref SecHandle client) => Start(ref credential, ref client);

            static void Start(ref SecHandle credential, ref SecHandle client)
            {
                if ({{Isc}} != 0) throw new InvalidOperationException();
            }
        }
        """, SspiBindings.DllImportRefStruct, SspiBindings.Handshake);

    // ---- Clean ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Handle_written_by_AcceptSecurityContext_is_clean() => Verify($$"""
                if ({{Asc}} != 0) return;
                if (Sspi.ImpersonateSecurityContext(ref server) != 0) return;
                try { Work(); } finally { if (Sspi.RevertSecurityContext(ref server) != 0) Environment.FailFast("revert"); }
                var cred = credential;
                if (Handshake.AcceptPtr(&cred, null, IntPtr.Zero, 0, 0, &other, IntPtr.Zero, out _, out _) != 0) return;

                if (Sspi.ImpersonateSecurityContext(ref other) != 0) return;
                try { Work(); } finally { if (Sspi.RevertSecurityContext(ref other) != 0) Environment.FailFast("revert"); }
        """);

    [Fact]
    public Task Client_on_one_path_and_server_on_the_other_is_clean() => Verify($$"""
                if (flag) { if ({{Isc}} != 0) return; }
                else { if (Handshake.AcceptSecurityContext(ref credential, IntPtr.Zero, IntPtr.Zero, 0, 0, ref client, IntPtr.Zero, out _, out _) != 0) return; }
                if (Sspi.ImpersonateSecurityContext(ref client) != 0) return;
                try { Work(); } finally { if (Sspi.RevertSecurityContext(ref client) != 0) Environment.FailFast("revert"); }
        """);

    [Fact]
    public Task Loopback_test_impersonating_the_server_side_is_clean() => Verify($$"""
                if ({{Isc}} != 0) return;
                if ({{Asc}} != 0) return;
                if (Sspi.ImpersonateSecurityContext(ref server) != 0) return;
                try { Work(); } finally { if (Sspi.RevertSecurityContext(ref server) != 0) Environment.FailFast("revert"); }
        """);

    [Fact]
    public Task Handle_passed_by_ref_to_an_unknown_method_or_reassigned_is_unknown_Precision_23() => Verify($$"""
                if ({{Isc}} != 0) return;
                Cache(ref client);
                if (Sspi.ImpersonateSecurityContext(ref client) != 0) return;
                try { Work(); } finally { if (Sspi.RevertSecurityContext(ref client) != 0) Environment.FailFast("revert"); }
                if ({{Isc}} != 0) return;
                client = given;
                if (Sspi.ImpersonateSecurityContext(ref client) != 0) return;
                try { Work(); } finally { if (Sspi.RevertSecurityContext(ref client) != 0) Environment.FailFast("revert"); }
        """);

    [Fact]
    public Task Parameter_handle_is_unknown() => Verify("""
                if (Sspi.ImpersonateSecurityContext(ref given) != 0) return;
                try { Work(); } finally { if (Sspi.RevertSecurityContext(ref given) != 0) Environment.FailFast("revert"); }
        """);

    [Fact]
    public Task Field_after_a_call_that_can_reach_it_is_unknown() => V.AnalyzerAsync("""
        class C
        {
            private SecHandle context;
            static void Work() { }

            void M(SecHandle credential)
            {
                if (Handshake.InitializeSecurityContextW(ref credential, IntPtr.Zero, "host/srv", 0, 0, 0, IntPtr.Zero, 0, ref context, IntPtr.Zero, out _, out _) != 0) return;
                AcceptInstead(credential);
                if (Sspi.ImpersonateSecurityContext(ref context) != 0) return;
                try { Work(); } finally { if (Sspi.RevertSecurityContext(ref context) != 0) Environment.FailFast("revert"); }
            }

            void AcceptInstead(SecHandle credential)
                => Handshake.AcceptSecurityContext(ref credential, IntPtr.Zero, IntPtr.Zero, 0, 0, ref context, IntPtr.Zero, out _, out _);
        }
        """, SspiBindings.DllImportRefStruct, SspiBindings.Handshake);
}
