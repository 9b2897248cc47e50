using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX011>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX011: peer impersonation before the connection exists (C-IMP-3, C-IMP-4, C-IMP-5; Precision 8, 23, reading 24).</summary>
public class SSX011PeerImpersonationBeforeConnectionTests
{
    private static Task Verify(string body) => V.AnalyzerAsync(Wrap(body), Bindings.SocketKinds);

    private static string Wrap(string body) => $$"""
        class C
        {
            private IntPtr field;

            void M(IntPtr addr, IntPtr from, bool flag, int type, Socket given, IntPtr handle, byte[] buf)
            {
        {{body}}
            }
        }
        """;

    private const string Listening = """
                var l = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                Ws.bind(l, addr, 16);
                Ws.listen(l, 5);
        """;

    // ---- Flagged: connection-oriented, never connected -----------------------------------------------------

    [Fact]
    public Task The_listening_socket_passed_by_mistake_is_flagged_C_IMP_3() => Verify(Listening + """
                var c = Ws.accept(l, IntPtr.Zero, IntPtr.Zero);
                if ({|SSX011:Ws.WSAImpersonateSocketPeer(l, IntPtr.Zero, 0)|} != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task A_fresh_stream_socket_is_flagged_C_IMP_3() => Verify("""
                var s = Ws.WSASocketW(Ws.AF_INET6, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                if ({|SSX011:Ws.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0)|} != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Listening_socket_in_a_server_loop_is_flagged() => Verify(Listening + """
                while (true)
                {
                    var c = Ws.accept(l, IntPtr.Zero, IntPtr.Zero);
                    if ({|SSX011:Ws.WSAImpersonateSocketPeer(l, IntPtr.Zero, 0)|} != 0) continue;
                    try { Console.WriteLine("serving"); }
                    finally { Ws.WSARevertImpersonation(); }
                }
        """);

    [Fact]
    public Task Managed_listener_handle_is_flagged() => Verify("""
                var l = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                l.Bind(new IPEndPoint(IPAddress.Any, 445));
                l.Listen(5);
                if ({|SSX011:Ws.WSAImpersonateSocketPeer(l.Handle, IntPtr.Zero, 0)|} != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task TcpListener_server_socket_is_flagged() => Verify("""
                var listener = new TcpListener(IPAddress.Any, 445);
                listener.Start();
                if ({|SSX011:Ws.WSAImpersonateSocketPeer(listener.Server.Handle, IntPtr.Zero, 0)|} != 0) return;
                Ws.WSARevertImpersonation();
        """);

    // ---- Flagged: connectionless with a null PeerAddr ------------------------------------------------------

    [Fact]
    public Task Datagram_socket_with_a_null_peer_address_is_flagged_C_IMP_5() => Verify("""
                var u = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_DGRAM, Ws.IPPROTO_UDP, IntPtr.Zero, 0, 0);
                Ws.bind(u, addr, 16);
                var len = 16;
                Ws.recvfrom(u, buf, buf.Length, 0, from, ref len);
                if ({|SSX011:Ws.WSAImpersonateSocketPeer(u, IntPtr.Zero, 0)|} != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Connected_datagram_socket_still_wants_the_peer_address_reading_24() => Verify("""
                var u = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_DGRAM, Ws.IPPROTO_UDP, IntPtr.Zero, 0, 0);
                Ws.connect(u, addr, 16);
                if ({|SSX011:Ws.WSAImpersonateSocketPeer(u, default, 0)|} != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Vanara_default_peer_address_on_a_datagram_socket_is_flagged() => V.AnalyzerAsync("""
        using Vanara.PInvoke;
        class C
        {
            void M(IntPtr addr)
            {
                var u = Ws2_32.socket(2, 2, 17);
                Ws2_32.bind(u, addr, 16);
                {|SSX011:FwpUClnt.WSAImpersonateSocketPeer(u)|}.ThrowIfFailed();
                FwpUClnt.WSARevertImpersonation();
            }
        }
        """, new string[0], new[] { BindingAssemblies.Vanara });

    // ---- Clean ---------------------------------------------------------------------------------------------

    [Fact]
    public Task The_accepted_socket_is_clean() => Verify(Listening + """
                var c = Ws.accept(l, IntPtr.Zero, IntPtr.Zero);
                if (Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task AcceptEx_accept_socket_is_connected_after_the_call() => Verify(Listening + """
                var c = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                Ws.AcceptEx(l, c, addr, 0, 32, 32, out _, IntPtr.Zero);
                if (Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task A_connected_client_socket_is_clean() => Verify("""
                var s = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                if (Ws.connect(s, addr, 16) != 0) return;
                if (Ws.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Connected_on_some_path_is_clean() => Verify("""
                var s = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                if (flag) Ws.connect(s, addr, 16);
                if (Ws.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Given_to_code_we_cannot_see_into_is_clean_Precision_23() => Verify("""
                var s = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                OtherLibrary.Prepare(s);
                if (Ws.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Connected_by_a_helper_two_deep_is_clean() => V.AnalyzerAsync("""
        class C
        {
            void M(IntPtr addr)
            {
                var s = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                Open(s, addr);
                if (Ws.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
            }

            static void Open(IntPtr s, IntPtr addr) => Dial(s, addr);

            static void Dial(IntPtr s, IntPtr addr)
            {
                if (Ws.connect(s, addr, 16) != 0) throw new InvalidOperationException();
            }
        }
        """, Bindings.SocketKinds);

    [Fact]
    public Task Given_to_a_helper_that_hands_it_on_out_of_sight_is_clean() => V.AnalyzerAsync("""
        class C
        {
            void M(IntPtr addr)
            {
                var s = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                Prepare(s, addr);
                if (Ws.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
            }

            static void Prepare(IntPtr s, IntPtr addr)
            {
                OtherLibrary.Prepare(s);
                if (Ws.bind(s, addr, 16) != 0) throw new InvalidOperationException();
            }
        }
        """, Bindings.SocketKinds);

    [Fact]
    public Task Connected_in_a_lambda_is_clean() => Verify("""
                var s = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                Action dial = () => Ws.connect(s, addr, 16);
                dial();
                if (Ws.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Parameter_and_unknown_type_are_clean_Precision_8() => Verify("""
                if (Ws.WSAImpersonateSocketPeer(handle, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
                var t = Ws.WSASocketW(Ws.AF_INET, type, 0, IntPtr.Zero, 0, 0);
                if (Ws.WSAImpersonateSocketPeer(t, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Listening_socket_in_a_field_is_flagged_Precision_14() => V.AnalyzerAsync("""
        class Server
        {
            private IntPtr listener;
            private IntPtr client;

            void Run(IntPtr addr)
            {
                listener = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                Ws.bind(listener, addr, 16);
                Ws.listen(listener, 5);
                client = Ws.accept(listener, IntPtr.Zero, IntPtr.Zero);
                Log.Write("accepted");
                if ({|SSX011:Ws.WSAImpersonateSocketPeer(listener, IntPtr.Zero, 0)|} != 0) return;
                Ws.WSARevertImpersonation();
            }
        }

        static class Log { public static void Write(string s) { } }
        """, Bindings.SocketKinds);

    [Fact]
    public Task Field_after_a_call_that_can_reach_it_is_clean_Precision_14() => V.AnalyzerAsync("""
        class Client
        {
            private IntPtr socket;

            void Run(IntPtr addr, Helper helper)
            {
                socket = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                Dial(addr);
                if (Ws.WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
                socket = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                helper.Attach(this);
                if (Ws.WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
            }

            void Dial(IntPtr addr) => Ws.connect(socket, addr, 16);

            internal void Connect(IntPtr addr) => Ws.connect(socket, addr, 16);
        }

        interface Helper { void Attach(Client c); }
        """, Bindings.SocketKinds);

    [Fact]
    public Task Datagram_socket_with_the_peer_address_is_clean_C_IMP_4() => Verify("""
                var u = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_DGRAM, Ws.IPPROTO_UDP, IntPtr.Zero, 0, 0);
                Ws.bind(u, addr, 16);
                var len = 16;
                Ws.recvfrom(u, buf, buf.Length, 0, from, ref len);
                if (Ws.WSAImpersonateSocketPeer(u, from, len) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Reassigned_to_an_accepted_socket_is_clean() => Verify(Listening + """
                var s = l;
                s = Ws.accept(l, IntPtr.Zero, IntPtr.Zero);
                if (Ws.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Accepted_through_a_function_pointer_is_out_of_sight() => V.AnalyzerAsync("""
        unsafe class C
        {
            void M(IntPtr listener, IntPtr acceptEx, IntPtr buffer)
            {
                var a = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                var accept = (delegate* unmanaged<IntPtr, IntPtr, IntPtr, uint, uint, uint, uint*, IntPtr, int>)acceptEx;
                uint got;
                accept(listener, a, buffer, 0, 32, 32, &got, IntPtr.Zero);
                if (Ws.WSAImpersonateSocketPeer(a, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
            }
        }
        """, Bindings.SocketKinds);
}
