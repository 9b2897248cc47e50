using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX012>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX012: IPsec settings with the default security protocol (C-SEC-8; reading 24).</summary>
public class SSX012IpsecDefaultProtocolTests
{
    private static Task Verify(string body) => V.AnalyzerAsync(Wrap(body), Bindings.SettingsShapes);

    private static string Wrap(string body) => $$"""
        unsafe class C
        {
            static SOCKET_SECURITY_SETTINGS_IPSEC Defaults() => new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityFlags = 1 };
            static SOCKET_SECURITY_SETTINGS_IPSEC Required() => new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC };
            static void Tune(ref SOCKET_SECURITY_SETTINGS_IPSEC settings) { }

            void M(IntPtr s, bool flag, SOCKET_SECURITY_PROTOCOL configured, SOCKET_SECURITY_SETTINGS_IPSEC given)
            {
        {{body}}
            }
        }
        """;

    // ---- Flagged -------------------------------------------------------------------------------------------

    [Fact]
    public Task Left_at_its_default_is_flagged_C_SEC_8() => Verify("""
                var ipsec = new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityFlags = 1 };
                Sec.SecureRef(s, ref {|SSX012:ipsec|}, 88, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Assigned_default_and_passed_through_a_pointer_cast_is_flagged() => Verify("""
                var ipsec = default(SOCKET_SECURITY_SETTINGS_IPSEC);
                ipsec.SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_DEFAULT;
                Sec.SecurePtr(s, {|SSX012:(SOCKET_SECURITY_SETTINGS*)&ipsec|}, 88, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Marshalled_into_a_buffer_is_flagged_at_the_buffer_reading_24() => Verify("""
                var ipsec = new SOCKET_SECURITY_SETTINGS_IPSEC();
                var buffer = Marshal.AllocHGlobal(88);
                Marshal.StructureToPtr(ipsec, buffer, false);
                Sec.WSASetSocketSecurity(s, {|SSX012:buffer|}, 88, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Built_by_a_builder_is_flagged_reading_24() => Verify("""
                var ipsec = Defaults();
                var copy = ipsec;
                Sec.SecureRef(s, ref {|SSX012:copy|}, 88, IntPtr.Zero, IntPtr.Zero);
        """);

    // ---- Clean ---------------------------------------------------------------------------------------------

    [Fact]
    public Task IPsec_protocol_in_every_form_is_clean() => Verify("""
                var a = new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC };
                Sec.SecureRef(s, ref a, 88, IntPtr.Zero, IntPtr.Zero);
                var b = Defaults();
                b.SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC2;
                Sec.SecureRef(s, ref b, 88, IntPtr.Zero, IntPtr.Zero);
                var c = Required();
                Sec.SecureRef(s, ref c, 88, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Plain_settings_with_the_default_protocol_are_clean() => Verify("""
                var plain = new SOCKET_SECURITY_SETTINGS();
                Sec.SecurePtr(s, &plain, 8, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Default_on_some_path_or_unknown_is_silent() => Verify("""
                var a = new SOCKET_SECURITY_SETTINGS_IPSEC();
                if (flag) a.SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC;
                Sec.SecureRef(s, ref a, 88, IntPtr.Zero, IntPtr.Zero);
                var b = new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityProtocol = configured };
                Sec.SecureRef(s, ref b, 88, IntPtr.Zero, IntPtr.Zero);
                Sec.SecureRef(s, ref given, 88, IntPtr.Zero, IntPtr.Zero);
                var c = new SOCKET_SECURITY_SETTINGS_IPSEC();
                Tune(ref c);
                Sec.SecureRef(s, ref c, 88, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Forwarded_to_a_helper_that_secures_is_judged_at_the_call_reading_24() => V.AnalyzerAsync("""
        class C
        {
            void M(IntPtr s)
            {
                var ipsec = new SOCKET_SECURITY_SETTINGS_IPSEC();
                Secure(s, {|SSX012:ipsec|});
                SecureRequired(s, ipsec);
                var required = new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC };
                Secure(s, required);
            }

            static void Secure(IntPtr s, SOCKET_SECURITY_SETTINGS_IPSEC settings)
            {
                if (Sec.SecureRef(s, ref settings, 88, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
            }

            static void SecureRequired(IntPtr s, SOCKET_SECURITY_SETTINGS_IPSEC settings)
            {
                settings.SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC;
                if (Sec.SecureRef(s, ref settings, 88, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
            }
        }
        """, Bindings.SettingsShapes);

    [Fact]
    public Task A_constructor_a_ref_helper_a_pointer_alias_or_a_static_field_may_set_the_protocol() => V.AnalyzerAsync("""
        unsafe class C
        {
            static SOCKET_SECURITY_SETTINGS_IPSEC Shared;

            static void Prepare(ref SOCKET_SECURITY_SETTINGS_IPSEC p, IntPtr s) { p.SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC; Sec.WSASetSocketPeerTargetName(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero); }

            void M(IntPtr s)
            {
                var a = new Settings(SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC).Value;
                Sec.SecureRef(s, ref a, 88, IntPtr.Zero, IntPtr.Zero);
                var b = default(SOCKET_SECURITY_SETTINGS_IPSEC);
                Prepare(ref b, s);
                Sec.SecureRef(s, ref b, 88, IntPtr.Zero, IntPtr.Zero);
                var c = default(SOCKET_SECURITY_SETTINGS_IPSEC);
                var p = &c;
                p->SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC;
                Sec.SecureRef(s, ref c, 88, IntPtr.Zero, IntPtr.Zero);
                Shared = default;
                Other.Configure();
                Sec.SecureRef(s, ref Shared, 88, IntPtr.Zero, IntPtr.Zero);
            }

            static class Other { public static void Configure() => Shared.SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC; }
        }

        struct Settings
        {
            public SOCKET_SECURITY_SETTINGS_IPSEC Value;
            public Settings(SOCKET_SECURITY_PROTOCOL protocol) { Value = default; Value.SecurityProtocol = protocol; }
        }
        """, Bindings.SettingsShapes);
}
