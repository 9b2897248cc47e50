using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX015>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX015: a secured client connects without a peer target name (C-TGT-1; Precision 24).</summary>
public class SSX015ConnectWithoutTargetNameTests
{
    private static Task Verify(string body) => V.AnalyzerAsync(Wrap(body), Bindings.SocketKinds);

    private static string Wrap(string body) => $$"""
        class C
        {
            static void Use(Action action) => action();

            void M(IntPtr addr, IntPtr name, bool flag, IntPtr handle)
            {
        {{body}}
            }
        }
        """;

    private const string SecuredStream = """
                var s = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                if (Ws.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
        """;

    // ---- Flagged: secured on every path, never named, connected ------------------------------------------------

    [Fact]
    public Task Secured_then_connected_without_a_name_is_flagged_C_TGT_1() => Verify(SecuredStream + """
                if ({|SSX015:Ws.connect(s, addr, 16)|} != 0) return;
        """);

    [Fact]
    public Task A_copy_of_the_socket_connected_is_flagged() => Verify(SecuredStream + """
                var t = s;
                if ({|SSX015:Ws.connect(t, addr, 16)|} != 0) return;
        """);

    [Fact]
    public Task A_fresh_socket_each_turn_of_a_retry_loop_is_flagged() => Verify("""
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var s = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                    if (Ws.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) continue;
                    if ({|SSX015:Ws.connect(s, addr, 16)|} == 0) return;
                    Ws.closesocket(s);
                }
        """);

    [Fact]
    public Task A_lambda_that_uses_another_socket_does_not_hide_this_one() => Verify(SecuredStream + """
                var other = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                Use(() => Ws.WSASetSocketPeerTargetName(other, name, 16, IntPtr.Zero, IntPtr.Zero));
                if ({|SSX015:Ws.connect(s, addr, 16)|} != 0) return;
        """);

    // ---- Clean ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Named_before_the_connect_is_clean() => Verify(SecuredStream + """
                if (Ws.WSASetSocketPeerTargetName(s, name, 16, IntPtr.Zero, IntPtr.Zero) != 0) return;
                if (Ws.connect(s, addr, 16) != 0) return;
        """);

    [Fact]
    public Task Secured_on_some_paths_only_is_clean() => Verify("""
                var s = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                if (flag && Ws.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                if (Ws.connect(s, addr, 16) != 0) return;
        """);

    [Fact]
    public Task A_datagram_socket_is_clean_Precision_24() => Verify("""
                var s = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_DGRAM, Ws.IPPROTO_UDP, IntPtr.Zero, 0, 0);
                if (Ws.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                if (Ws.connect(s, addr, 16) != 0) return;
        """);

    [Fact]
    public Task A_socket_whose_creation_is_not_seen_is_clean() => Verify("""
                if (Ws.WSASetSocketSecurity(handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                if (Ws.connect(handle, addr, 16) != 0) return;
        """);

    [Fact]
    public Task A_reconnect_is_not_the_first_connect() => Verify(SecuredStream + """
                if ({|SSX015:Ws.connect(s, addr, 16)|} != 0) return;
                if (Ws.connect(s, addr, 16) != 0) return;
        """);

    [Fact]
    public Task Given_to_code_we_cannot_see_into_before_the_connect_is_clean_Precision_23() => Verify(SecuredStream + """
                OtherLibrary.Prepare(s);
                if (Ws.connect(s, addr, 16) != 0) return;
        """);

    [Fact]
    public Task Named_in_a_lambda_is_clean() => Verify(SecuredStream + """
                Use(() => Ws.WSASetSocketPeerTargetName(s, name, 16, IntPtr.Zero, IntPtr.Zero));
                if (Ws.connect(s, addr, 16) != 0) return;
        """);

    [Fact]
    public Task Named_in_a_local_function_is_clean() => Verify(SecuredStream + """
                Name();
                if (Ws.connect(s, addr, 16) != 0) return;

                void Name() => Ws.WSASetSocketPeerTargetName(s, name, 16, IntPtr.Zero, IntPtr.Zero);
        """);
}
