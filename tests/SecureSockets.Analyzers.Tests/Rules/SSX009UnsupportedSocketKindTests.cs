using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX009>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX009: secure socket API on an unsupported socket kind (C-SEC-5, C-TGT-6, C-IMP-7; Precision 8, reading 24).</summary>
public class SSX009UnsupportedSocketKindTests
{
    private static Task Verify(string body) => V.AnalyzerAsync(Wrap(body), Bindings.SocketKinds);

    private static string Wrap(string body) => $$"""
        class C
        {
            void M(IntPtr settings, IntPtr name, IntPtr peer, IntPtr addr, bool flag, int family, Socket given, IntPtr handle)
            {
        {{body}}
            }
        }
        """;

    // ---- Flagged -------------------------------------------------------------------------------------------

    [Fact]
    public Task Raw_socket_secured_is_flagged_C_SEC_5() => Verify("""
                var s = Ws.socket(Ws.AF_INET, Ws.SOCK_RAW, Ws.IPPROTO_RAW);
                if ({|SSX009:Ws.WSASetSocketSecurity(s, settings, 16, IntPtr.Zero, IntPtr.Zero)|} != 0) throw new InvalidOperationException();
        """);

    [Fact]
    public Task Bluetooth_socket_target_named_is_flagged_C_TGT_6() => Verify("""
                var s = Ws.WSASocketW(Ws.AF_BTH, Ws.SOCK_STREAM, Ws.BTHPROTO_RFCOMM, IntPtr.Zero, 0, 0);
                if ({|SSX009:Ws.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|} != 0) throw new InvalidOperationException();
        """);

    [Fact]
    public Task Unix_domain_socket_peer_impersonated_is_flagged_C_IMP_7() => Verify("""
                var s = Ws.WSASocketW(Ws.AF_UNIX, Ws.SOCK_STREAM, 0, IntPtr.Zero, 0, 0);
                var c = Ws.accept(s, IntPtr.Zero, IntPtr.Zero);
                if ({|SSX009:Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0)|} != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Literal_values_and_renamed_entry_point_are_flagged_Precision_1() => Verify("""
                var s = Ws.CreateSocket(2, 5, 0, IntPtr.Zero, 0, 0);
                if ({|SSX009:Ws.WSASetSocketSecurity(s, settings, 16, IntPtr.Zero, IntPtr.Zero)|} != 0) throw new InvalidOperationException();
        """);

    [Fact]
    public Task Managed_raw_socket_handle_is_flagged() => Verify("""
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Raw);
                if ({|SSX009:Ws.WSASetSocketSecurity(s.Handle, settings, 16, IntPtr.Zero, IntPtr.Zero)|} != 0) throw new InvalidOperationException();
        """);

    [Fact]
    public Task Managed_socket_from_cast_constants_is_flagged() => Verify("""
                var s = new Socket((AddressFamily)32, (SocketType)1, (ProtocolType)3);
                if ({|SSX009:Ws.WSASetSocketSecurity(s.Handle, settings, 16, IntPtr.Zero, IntPtr.Zero)|} != 0) throw new InvalidOperationException();
        """);

    [Fact]
    public Task Different_unsupported_values_on_different_paths_are_flagged_reading_24() => Verify("""
                var s = flag ? Ws.socket(Ws.AF_INET, Ws.SOCK_RAW, 0) : Ws.socket(Ws.AF_UNIX, Ws.SOCK_STREAM, 0);
                if ({|SSX009:Ws.WSASetSocketSecurity(s, settings, 16, IntPtr.Zero, IntPtr.Zero)|} != 0) throw new InvalidOperationException();
        """);

    [Fact]
    public Task Alias_of_raw_socket_is_flagged_Precision_14() => Verify("""
                var s = Ws.socket(Ws.AF_INET6, Ws.SOCK_RAW, 0);
                var t = s;
                if ({|SSX009:Ws.WSASetSocketSecurity(t, settings, 16, IntPtr.Zero, IntPtr.Zero)|} != 0) throw new InvalidOperationException();
        """);

    [Fact]
    public Task Accepted_socket_has_the_listeners_kind_reading_24() => Verify("""
                var l = Ws.WSASocketW(Ws.AF_UNIX, Ws.SOCK_STREAM, 0, IntPtr.Zero, 0, 0);
                Ws.bind(l, addr, 16);
                Ws.listen(l, 5);
                var c = Ws.WSAAccept(l, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
                if ({|SSX009:Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0)|} != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Helper_that_secures_its_parameter_is_judged_at_the_call_reading_24() => V.AnalyzerAsync("""
        class C
        {
            void M(IntPtr settings)
            {
                var s = Ws.socket(Ws.AF_INET, Ws.SOCK_RAW, 0);
                {|SSX009:Secure(s, settings)|};
            }

            static void Secure(IntPtr socket, IntPtr settings)
            {
                if (Ws.WSASetSocketSecurity(socket, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
            }
        }
        """, Bindings.SocketKinds);

    [Fact]
    public Task Factory_returning_a_raw_socket_two_deep_is_flagged() => V.AnalyzerAsync("""
        class C
        {
            void M(IntPtr settings)
            {
                var s = Open();
                if ({|SSX009:Ws.WSASetSocketSecurity(s, settings, 16, IntPtr.Zero, IntPtr.Zero)|} != 0) throw new InvalidOperationException();
            }

            static IntPtr Open() => OpenRaw(Ws.IPPROTO_RAW);

            static IntPtr OpenRaw(int protocol)
            {
                var s = Ws.socket(Ws.AF_INET, Ws.SOCK_RAW, protocol);
                if (s == new IntPtr(-1)) throw new InvalidOperationException();
                return s;
            }
        }
        """, Bindings.SocketKinds);

    [Fact]
    public Task Vanara_metadata_binding_is_flagged() => V.AnalyzerAsync("""
        using Vanara.PInvoke;
        class C
        {
            void M(Vanara.PInvoke.FwpUClnt.SOCKET_SECURITY_SETTINGS settings)
            {
                var s = Ws2_32.socket(2, 3, 255);
                {|SSX009:FwpUClnt.WSASetSocketSecurity(s, settings, 16)|}.ThrowIfFailed();
            }
        }
        """, new string[0], new[] { BindingAssemblies.Vanara });

    [Fact]
    public Task CsWin32_metadata_binding_is_flagged() => V.AnalyzerAsync("""
        using Windows.Win32;
        class C
        {
            void M()
            {
                var s = PInvoke.socket(1, 1, 0);
                if ({|SSX009:PInvoke.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                PInvoke.WSARevertImpersonation();
            }
        }
        """, new string[0], new[] { BindingAssemblies.CsWin32 });

    // ---- Clean ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Tcp_and_udp_sockets_of_both_families_are_clean() => Verify("""
                var a = Ws.socket(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP);
                var b = Ws.WSASocketW(Ws.AF_INET6, Ws.SOCK_DGRAM, Ws.IPPROTO_UDP, IntPtr.Zero, 0, 0);
                var m = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
                var d = new Socket(SocketType.Dgram, ProtocolType.Udp);
                if (Ws.WSASetSocketSecurity(a, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
                if (Ws.WSASetSocketSecurity(b, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
                if (Ws.WSASetSocketSecurity(m.Handle, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
                if (Ws.WSASetSocketSecurity(d.Handle, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
        """);

    [Fact]
    public Task One_supported_creation_on_some_path_is_clean() => Verify("""
                var s = flag ? Ws.socket(Ws.AF_INET, Ws.SOCK_RAW, 0) : Ws.socket(Ws.AF_INET, Ws.SOCK_STREAM, 0);
                if (Ws.WSASetSocketSecurity(s, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
        """);

    [Fact]
    public Task A_family_that_is_not_a_constant_is_clean() => Verify("""
                var s = Ws.socket(family, Ws.SOCK_STREAM, 0);
                if (Ws.WSASetSocketSecurity(s, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
        """);

    [Fact]
    public Task Unspecified_family_and_protocol_info_are_clean() => Verify("""
                var a = Ws.socket(Ws.AF_UNSPEC, Ws.SOCK_STREAM, Ws.IPPROTO_TCP);
                var b = Ws.WSASocketW(-1, -1, -1, handle, 0, 0);
                if (Ws.WSASetSocketSecurity(a, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
                if (Ws.WSASetSocketSecurity(b, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
        """);

    [Fact]
    public Task Parameter_and_wrapped_handle_are_unknown_provenance_Precision_8() => Verify("""
                var w = new Socket(new SafeSocketHandle(handle, false));
                if (Ws.WSASetSocketSecurity(given.Handle, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
                if (Ws.WSASetSocketSecurity(w.Handle, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
                if (Ws.WSASetSocketSecurity(handle, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
        """);

    [Fact]
    public Task Reassigned_to_a_supported_socket_is_clean() => Verify("""
                var s = Ws.socket(Ws.AF_INET, Ws.SOCK_RAW, 0);
                Ws.closesocket(s);
                s = Ws.socket(Ws.AF_INET, Ws.SOCK_STREAM, 0);
                if (Ws.WSASetSocketSecurity(s, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
        """);

    [Fact]
    public Task Loop_that_creates_a_supported_socket_each_turn_is_clean() => Verify("""
                var s = Ws.socket(Ws.AF_INET, Ws.SOCK_RAW, 0);
                for (var i = 0; i < 3; i++)
                {
                    s = Ws.socket(Ws.AF_INET, Ws.SOCK_DGRAM, 0);
                    if (Ws.WSASetSocketSecurity(s, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) continue;
                }
        """);

    [Fact]
    public Task Raw_socket_used_only_for_other_calls_is_clean() => Verify("""
                var s = Ws.socket(Ws.AF_INET, Ws.SOCK_RAW, Ws.IPPROTO_RAW);
                Ws.bind(s, addr, 16);
                var t = Ws.socket(Ws.AF_INET, Ws.SOCK_STREAM, 0);
                if (Ws.WSASetSocketSecurity(t, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
        """);

    [Fact]
    public Task Creation_argument_forwarded_into_a_helper_is_not_followed_reading_24() => V.AnalyzerAsync("""
        class C
        {
            void M(IntPtr settings)
            {
                var s = Open(Ws.SOCK_RAW);
                if (Ws.WSASetSocketSecurity(s, settings, 16, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
            }

            static IntPtr Open(int type) => Ws.socket(Ws.AF_INET, type, 0);
        }
        """, Bindings.SocketKinds);
}
