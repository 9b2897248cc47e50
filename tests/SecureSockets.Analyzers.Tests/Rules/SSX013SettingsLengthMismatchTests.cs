using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX013>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX013: settings length does not match the settings passed (C-SEC-7; reading 24).</summary>
public class SSX013SettingsLengthMismatchTests
{
    private static Task Verify(string body) => V.AnalyzerAsync(Wrap(body), Bindings.SettingsShapes);

    private static string Wrap(string body) => $$"""
        unsafe class C
        {
            void M(IntPtr s, bool flag, int computed, IntPtr name)
            {
                var ipsec = new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC };
                var plain = new SOCKET_SECURITY_SETTINGS();
        {{body}}
            }
        }
        """;

    // ---- Flagged -------------------------------------------------------------------------------------------

    [Fact]
    public Task Size_of_the_plain_structure_with_the_IPsec_one_is_flagged() => Verify("""
                Sec.SecureRef(s, ref ipsec, {|SSX013:(uint)sizeof(SOCKET_SECURITY_SETTINGS)|}, IntPtr.Zero, IntPtr.Zero);
                Sec.SecurePtr(s, (SOCKET_SECURITY_SETTINGS*)&ipsec, {|SSX013:(uint)Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>()|}, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Zero_with_a_structure_is_flagged() => Verify("""
                Sec.SecurePtr(s, &plain, {|SSX013:0|}, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task A_constant_no_pointer_size_makes_right_is_flagged() => Verify("""
                Sec.SecureRef(s, ref ipsec, {|SSX013:64|}, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Buffer_marshalled_from_a_structure_and_a_length_local_are_followed_reading_24() => Verify("""
                var length = Marshal.SizeOf(typeof(SOCKET_SECURITY_SETTINGS));
                var buffer = Marshal.AllocHGlobal(Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>());
                Marshal.StructureToPtr(ipsec, buffer, false);
                Sec.WSASetSocketSecurity(s, buffer, {|SSX013:length|}, IntPtr.Zero, IntPtr.Zero);
        """);

    // ---- Clean ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Matching_sizes_in_every_form_are_clean() => Verify("""
                Sec.SecureRef(s, ref ipsec, (uint)sizeof(SOCKET_SECURITY_SETTINGS_IPSEC), IntPtr.Zero, IntPtr.Zero);
                Sec.SecureRef(s, ref ipsec, (uint)Marshal.SizeOf(ipsec), IntPtr.Zero, IntPtr.Zero);
                Sec.SecureRef(s, ref ipsec, 88, IntPtr.Zero, IntPtr.Zero);
                Sec.SecurePtr(s, &plain, 8, IntPtr.Zero, IntPtr.Zero);
                var buffer = Marshal.AllocHGlobal(Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>());
                Marshal.StructureToPtr(ipsec, buffer, false);
                Sec.WSASetSocketSecurity(s, buffer, Marshal.SizeOf<SOCKET_SECURITY_SETTINGS_IPSEC>(), IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Null_structure_with_a_length_is_not_this_rules_business() => Verify("""
                Sec.WSASetSocketSecurity(s, IntPtr.Zero, 8, IntPtr.Zero, IntPtr.Zero);
                Sec.SecurePtr(s, null, 8, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Computed_lengths_and_unknown_buffers_are_silent() => Verify("""
                Sec.WSASetSocketPeerTargetName(s, name, sizeof(SOCKET_PEER_TARGET_NAME) + computed * 2, IntPtr.Zero, IntPtr.Zero);
                var buffer = Marshal.AllocHGlobal(512);
                Sec.WSASetSocketSecurity(s, buffer, 512, IntPtr.Zero, IntPtr.Zero);
                var length = flag ? 8 : 88;
                Sec.SecureRef(s, ref ipsec, (uint)length, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Different_structures_on_different_paths_are_silent() => Verify("""
                var buffer = Marshal.AllocHGlobal(128);
                if (flag) Marshal.StructureToPtr(ipsec, buffer, false);
                else Marshal.StructureToPtr(plain, buffer, false);
                Sec.WSASetSocketSecurity(s, buffer, 8, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task A_target_name_header_with_its_string_appended_in_the_buffer_is_silent() => Verify("""
                var header = new SOCKET_PEER_TARGET_NAME { SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC };
                var spn = new byte[] { 104, 0, 111, 0 };
                var buffer = Marshal.AllocHGlobal(512);
                Marshal.StructureToPtr(header, buffer, false);
                Marshal.Copy(spn, 0, buffer + Marshal.SizeOf<SOCKET_PEER_TARGET_NAME>(), spn.Length);
                Sec.WSASetSocketPeerTargetName(s, buffer, 512, IntPtr.Zero, IntPtr.Zero);
        """);
}
