using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX010>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX010: peer impersonation on an overlapped or non-blocking socket (C-IMP-2; Precision 8, reading 24).</summary>
public class SSX010PeerImpersonationOnOverlappedSocketTests
{
    private static Task Verify(string body) => V.AnalyzerAsync(Wrap(body), Bindings.SocketKinds);

    private static string Wrap(string body) => $$"""
        class C
        {
            void M(IntPtr addr, IntPtr evt, bool flag, uint flags, Socket given, IntPtr handle, uint configured)
            {
        {{body}}
            }
        }
        """;

    private const string Listener = """
                var l = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                Ws.bind(l, addr, 16);
                Ws.listen(l, 5);
                var c = Ws.accept(l, IntPtr.Zero, IntPtr.Zero);
        """;

    private const string Impersonate = """
                if ({|SSX010:Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0)|} != 0) return;
                Ws.WSARevertImpersonation();
        """;

    // ---- Flagged: overlapped on every path -----------------------------------------------------------------

    [Fact]
    public Task Accepted_from_a_socket_created_by_socket_is_flagged() => Verify("""
                var l = Ws.socket(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP);
                Ws.bind(l, addr, 16);
                Ws.listen(l, 5);
                var c = Ws.accept(l, IntPtr.Zero, IntPtr.Zero);
        """ + Impersonate);

    [Fact]
    public Task Accepted_from_a_WSASocket_with_the_overlapped_flag_is_flagged() => Verify("""
                var l = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, Ws.WSA_FLAG_OVERLAPPED | Ws.WSA_FLAG_NO_HANDLE_INHERIT);
                Ws.bind(l, addr, 16);
                Ws.listen(l, 5);
                var c = Ws.WSAAccept(l, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
        """ + Impersonate);

    [Fact]
    public Task Managed_socket_handle_is_flagged() => Verify("""
                var l = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                l.Bind(new IPEndPoint(IPAddress.Any, 445));
                l.Listen(5);
                var accepted = l.Accept();
                var c = accepted.Handle;
        """ + Impersonate);

    [Fact]
    public Task TcpListener_accepted_socket_is_flagged() => V.AnalyzerAsync("""
        class C
        {
            void M(TcpListener listener)
            {
                var l = new TcpListener(IPAddress.Any, 445);
                l.Start();
                var client = l.AcceptSocket();
                if ({|SSX010:Ws.WSAImpersonateSocketPeer(client.Handle, IntPtr.Zero, 0)|} != 0) return;
                Ws.WSARevertImpersonation();
            }
        }
        """, Bindings.SocketKinds);

    [Fact]
    public Task Factory_creating_an_overlapped_listener_is_judged_at_the_call_site() => V.AnalyzerAsync("""
        class C
        {
            void M(IntPtr addr)
            {
                var l = CreateServerSocket(addr);
                var c = Ws.accept(l, IntPtr.Zero, IntPtr.Zero);
                if ({|SSX010:Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0)|} != 0) return;
                Ws.WSARevertImpersonation();
            }

            static IntPtr CreateServerSocket(IntPtr addr)
            {
                var s = Ws.WSASocketW(2, 1, 6, IntPtr.Zero, 0, 0x01);
                Ws.bind(s, addr, 16);
                Ws.listen(s, 10);
                return s;
            }
        }
        """, Bindings.SocketKinds);

    // ---- Flagged: non-blocking on some path ----------------------------------------------------------------

    [Fact]
    public Task Ioctlsocket_FIONBIO_non_zero_is_flagged() => Verify(Listener + """
                uint mode = 1;
                Ws.ioctlsocket(c, Ws.FIONBIO, ref mode);
        """ + Impersonate);

    [Fact]
    public Task Non_blocking_on_one_branch_is_flagged() => Verify(Listener + """
                if (flag)
                {
                    Ws.WSAEventSelect(c, evt, Ws.FD_READ);
                }
        """ + Impersonate);

    [Fact]
    public Task WSAAsyncSelect_is_flagged() => Verify(Listener + """
                Ws.WSAAsyncSelect(c, evt, 0x400, Ws.FD_READ);
        """ + Impersonate);

    [Fact]
    public Task Blocking_false_on_a_parameter_socket_is_flagged() => Verify("""
                given.Blocking = false;
                if ({|SSX010:Ws.WSAImpersonateSocketPeer(given.Handle, IntPtr.Zero, 0)|} != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Helper_that_makes_its_parameter_non_blocking_is_flagged() => V.AnalyzerAsync("""
        class C
        {
            void M(IntPtr c)
            {
                MakeNonBlocking(c);
                if ({|SSX010:Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0)|} != 0) return;
                Ws.WSARevertImpersonation();
            }

            static void MakeNonBlocking(IntPtr s)
            {
                uint on = 1;
                if (Ws.ioctlsocket(s, Ws.FIONBIO, ref on) != 0) throw new InvalidOperationException();
            }
        }
        """, Bindings.SocketKinds);

    [Fact]
    public Task Impersonating_through_a_begin_helper_is_judged_at_the_call_site() => V.AnalyzerAsync("""
        class C
        {
            void M(IntPtr addr)
            {
                var l = Ws.socket(Ws.AF_INET, Ws.SOCK_STREAM, 0);
                Ws.bind(l, addr, 16);
                Ws.listen(l, 5);
                var c = Ws.accept(l, IntPtr.Zero, IntPtr.Zero);
                if ({|SSX010:Begin(c)|} != 0) return;
                Ws.WSARevertImpersonation();
            }

            static int Begin(IntPtr socket) => Ws.WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0);
        }
        """, Bindings.SocketKinds);

    [Fact]
    public Task Vanara_socket_is_overlapped() => V.AnalyzerAsync("""
        using Vanara.PInvoke;
        class C
        {
            void M(IntPtr addr)
            {
                var l = Ws2_32.socket(2, 1, 6);
                Ws2_32.bind(l, addr, 16);
                Ws2_32.listen(l, 5);
                var c = Ws2_32.accept(l, IntPtr.Zero, IntPtr.Zero);
                {|SSX010:FwpUClnt.WSAImpersonateSocketPeer(c)|}.ThrowIfFailed();
                FwpUClnt.WSARevertImpersonation();
            }
        }
        """, new string[0], new[] { BindingAssemblies.Vanara });

    // ---- Clean ---------------------------------------------------------------------------------------------

    [Fact]
    public Task Accepted_from_a_WSASocket_without_the_overlapped_flag_is_clean() => Verify(Listener + """
                if (Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task AcceptEx_accept_socket_keeps_its_own_creation_reading_24() => Verify("""
                var l = Ws.socket(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP);
                var c = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                Ws.AcceptEx(l, c, addr, 0, 32, 32, out _, IntPtr.Zero);
                if (Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Flags_that_are_not_a_constant_are_clean() => Verify("""
                var l = Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, Ws.IPPROTO_TCP, IntPtr.Zero, 0, flags);
                var c = Ws.accept(l, IntPtr.Zero, IntPtr.Zero);
                if (Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task One_non_overlapped_creation_on_some_path_is_clean() => Verify("""
                var l = flag ? Ws.socket(Ws.AF_INET, Ws.SOCK_STREAM, 0) : Ws.WSASocketW(Ws.AF_INET, Ws.SOCK_STREAM, 0, IntPtr.Zero, 0, 0);
                var c = Ws.accept(l, IntPtr.Zero, IntPtr.Zero);
                if (Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Parameter_and_wrapped_sockets_are_unknown_provenance_Precision_8() => Verify("""
                var w = new Socket(new SafeSocketHandle(handle, false));
                if (Ws.WSAImpersonateSocketPeer(given.Handle, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
                if (Ws.WSAImpersonateSocketPeer(w.Handle, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
                if (Ws.WSAImpersonateSocketPeer(handle, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Made_blocking_again_before_the_call_is_clean() => Verify(Listener + """
                uint on = 1;
                Ws.ioctlsocket(c, Ws.FIONBIO, ref on);
                uint off = 0;
                Ws.ioctlsocket(c, Ws.FIONBIO, ref off);
                given.Blocking = false;
                given.Blocking = true;
                if (Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
                if (Ws.WSAImpersonateSocketPeer(given.Handle, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task A_mode_that_cannot_be_read_and_other_commands_are_clean() => Verify(Listener + """
                var mode = configured;
                Ws.ioctlsocket(c, Ws.FIONBIO, ref mode);
                uint pending = 1;
                Ws.ioctlsocket(c, Ws.FIONREAD, ref pending);
                if (Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task Non_blocking_after_the_impersonation_is_clean() => Verify(Listener + """
                if (Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
                Ws.WSAEventSelect(c, evt, Ws.FD_READ);
        """);

    [Fact]
    public Task Another_socket_made_non_blocking_is_clean() => Verify(Listener + """
                Ws.WSAEventSelect(l, evt, Ws.FD_ACCEPT);
                if (Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);

    [Fact]
    public Task A_mode_that_cannot_be_read_after_a_known_one_decides_nothing() => Verify(Listener + """
                uint on = 1;
                Ws.ioctlsocket(c, Ws.FIONBIO, ref on);
                uint mode = flags;
                Ws.ioctlsocket(c, Ws.FIONBIO, ref mode);
                if (Ws.WSAImpersonateSocketPeer(c, IntPtr.Zero, 0) != 0) return;
                Ws.WSARevertImpersonation();
        """);
}
