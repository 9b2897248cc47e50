using System.Threading.Tasks;
using SecureSockets.Analyzers.Rules;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;
using V = SecureSockets.Analyzers.Tests.Infrastructure.Verify<SecureSockets.Analyzers.Tests.Infrastructure.AllRules, SecureSockets.Analyzers.Tests.Infrastructure.SSX006>;

namespace SecureSockets.Analyzers.Tests.Rules;

/// <summary>SSX006: WSASetSocketPeerTargetName on a connected socket (C-TGT-2, C-TGT-3).</summary>
public class SSX006TargetNameAfterConnectTests
{
    /// <summary>A method body with the hand-written DllImport binding (flagged or clean: the markup decides).</summary>
    private static Task Flagged(string body) => V.AnalyzerAsync(Wrap(body), Bindings.DllImport);

    /// <summary>Same as <see cref="Flagged"/>; the name says the body has no markup.</summary>
    private static Task Clean(string body) => V.AnalyzerAsync(Wrap(body), Bindings.DllImport);

    /// <summary>An unsafe method with a SOCKET_PEER_TARGET_NAME shape, for connectionless sockets (Precision 15).</summary>
    private static Task Connectionless(string body) => V.AnalyzerAsync($$"""
        class C
        {
            unsafe void M(IntPtr peer, IntPtr other, byte[] buf)
            {
        {{body}}
            }
        }
        """, Bindings.DllImport, Bindings.PeerTargetNameStruct);

    private static string Wrap(string body) => $$"""
        class C
        {
            void M(IntPtr addr, IntPtr name, bool flag, int count, IPEndPoint ep)
            {
        {{body}}
            }
        }
        """;

    // ---- Flagged: connection-oriented ------------------------------------------------------------------------

    [Fact]
    public Task Connect_then_target_name_is_flagged_C_TGT_2() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {|SSX006:Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task WSAConnect_then_target_name_is_flagged_C_TGT_3() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSAConnect(s, addr, 16, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
                {|SSX006:Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Accepted_socket_then_target_name_is_flagged_C_TGT_2() => Flagged("""
                var l = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.bind(l, addr, 16);
                Native.listen(l, 5);
                var c = Native.accept(l, IntPtr.Zero, IntPtr.Zero);
                {|SSX006:Native.WSASetSocketPeerTargetName(c, name, 64, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task WSAIoctl_SIO_SET_PEER_TARGET_NAME_after_connect_is_flagged_C_TGT_7() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {|SSX006:Native.WSAIoctl(s, Native.SIO_SET_PEER_TARGET_NAME, name, 64, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task WSAIoctl_int_typed_SIO_SET_PEER_TARGET_NAME_after_connect_is_flagged_C_TGT_7() => V.AnalyzerAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {|SSX006:WinsockInt.WSAIoctl(s, -1744830262, name, 64, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero)|};
        """), Bindings.DllImport, Bindings.WSAIoctlIntCode);

    [Fact]
    public Task LibraryImport_binding_connect_then_target_name_is_flagged_Precision_1() => V.AnalyzerAsync("""
        class C
        {
            void M(nint addr, nint name)
            {
                nint s = Interop.socket(2, 1, 6);
                Interop.connect(s, addr, 16);
                {|SSX006:Interop.SetPeerTargetName(s, name, 64, 0, 0)|};
            }
        }
        """, Bindings.LibraryImport);

    [Fact]
    public Task EntryPoint_renamed_binding_connect_then_target_name_is_flagged_Precision_1() => V.AnalyzerAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Renamed.NativeConnect(s, addr, 16);
                {|SSX006:Renamed.NameThePeer(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
        """), Bindings.DllImport, Bindings.EntryPointRenamed);

    [Fact]
    public Task TcpClient_created_connected_then_target_name_on_Client_Handle_is_flagged_C_TGT_2() => Flagged("""
                var client = new TcpClient("host", 443);
                {|SSX006:Native.WSASetSocketPeerTargetName(client.Client.Handle, name, 64, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task TcpClient_Connect_then_target_name_on_Client_Handle_is_flagged_C_TGT_2() => Flagged("""
                var client = new TcpClient();
                client.Connect(ep);
                {|SSX006:Native.WSASetSocketPeerTargetName(client.Client.Handle, name, 64, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Managed_Socket_Connect_then_target_name_is_flagged_C_TGT_2() => Flagged("""
                var sock = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sock.Connect(ep);
                {|SSX006:Native.WSASetSocketPeerTargetName(sock.SafeHandle.DangerousGetHandle(), name, 64, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Connect_on_one_branch_then_target_name_is_flagged_on_some_path() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (flag)
                {
                    Native.connect(s, addr, 16);
                }

                {|SSX006:Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Connect_through_alias_then_target_name_is_flagged_Precision_14() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var t = s;
                Native.connect(t, addr, 16);
                {|SSX006:Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
        """);

    // ---- Flagged: connectionless (Precision 15) --------------------------------------------------------------

    [Fact]
    public Task Sendto_then_target_name_for_same_peer_is_flagged_C_TGT_3_Precision_15() => Connectionless("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_DGRAM, Native.IPPROTO_UDP);
                Native.sendto(s, buf, buf.Length, 0, peer, 16);
                var name = new SOCKET_PEER_TARGET_NAME();
                name.PeerAddress = peer;
                {|SSX006:Native.WSASetSocketPeerTargetName(s, (IntPtr)(&name), sizeof(SOCKET_PEER_TARGET_NAME), IntPtr.Zero, IntPtr.Zero)|};
        """);

    // ---- Clean ------------------------------------------------------------------------------------------------

    [Fact]
    public Task Target_name_before_connect_is_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Bind_then_target_name_is_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.bind(s, addr, 16);
                if (Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Listen_then_target_name_is_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.bind(s, addr, 16);
                Native.listen(s, 5);
                Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Secure_then_target_name_then_connect_is_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                if (Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Reassignment_to_new_socket_between_connect_and_target_name_is_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Connect_one_socket_name_another_is_clean() => Clean("""
                var a = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                var b = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(a, addr, 16);
                Native.WSASetSocketPeerTargetName(b, name, 64, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Correlated_bool_parameter_and_its_negation_is_clean_Precision_4() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (flag)
                {
                    Native.connect(s, addr, 16);
                }

                if (!flag)
                {
                    Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero);
                }
        """);

    [Fact]
    public Task Correlated_comparison_with_constant_is_clean_Precision_4() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (count >= 2 && flag)
                {
                    Native.connect(s, addr, 16);
                }

                if (count < 2)
                {
                    Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero);
                }
        """);

    [Fact]
    public Task LookAlike_unrelated_dll_after_connect_is_clean_Precision_1() => V.AnalyzerAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                Fake.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero);
        """), Bindings.DllImport, Bindings.LookAlikes);

    [Fact]
    public Task WSAIoctl_SIO_SET_SECURITY_after_connect_is_not_SSX006() => V.AnalyzerAsync(Wrap("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                Native.WSAIoctl(s, Native.SIO_SET_SECURITY, name, 64, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero);
        """), Bindings.DllImport);

    [Fact]
    public Task Target_name_inside_lambda_after_connect_outside_is_clean_Precision_13() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                Func<int> later = () => Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task TcpClient_parameter_of_unknown_provenance_is_clean_Precision_8() => V.AnalyzerAsync("""
        class C
        {
            void M(TcpClient client, IntPtr name)
            {
                Native.WSASetSocketPeerTargetName(client.Client.Handle, name, 64, IntPtr.Zero, IntPtr.Zero);
            }
        }
        """, Bindings.DllImport);

    // ---- Clean: connectionless (C-TGT-4, Precision 15) ---------------------------------------------------------

    [Fact]
    public Task Sendto_one_peer_then_target_name_for_another_peer_is_clean_C_TGT_4() => Connectionless("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_DGRAM, Native.IPPROTO_UDP);
                Native.sendto(s, buf, buf.Length, 0, peer, 16);
                var name = new SOCKET_PEER_TARGET_NAME();
                name.PeerAddress = other;
                Native.WSASetSocketPeerTargetName(s, (IntPtr)(&name), sizeof(SOCKET_PEER_TARGET_NAME), IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task Target_name_for_peer_before_sendto_is_clean_C_TGT_3() => Connectionless("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_DGRAM, Native.IPPROTO_UDP);
                var name = new SOCKET_PEER_TARGET_NAME();
                name.PeerAddress = peer;
                if (Native.WSASetSocketPeerTargetName(s, (IntPtr)(&name), sizeof(SOCKET_PEER_TARGET_NAME), IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.sendto(s, buf, buf.Length, 0, peer, 16);
        """);

    [Fact]
    public Task Sendto_then_target_name_with_unknown_structure_is_clean_Precision_15() => Connectionless("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_DGRAM, Native.IPPROTO_UDP);
                Native.sendto(s, buf, buf.Length, 0, peer, 16);
                Native.WSASetSocketPeerTargetName(s, other, 64, IntPtr.Zero, IntPtr.Zero);
        """);

    [Fact]
    public Task One_target_name_per_peer_on_connectionless_socket_is_clean_C_TGT_4() => Connectionless("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_DGRAM, Native.IPPROTO_UDP);
                var first = new SOCKET_PEER_TARGET_NAME();
                first.PeerAddress = peer;
                if (Native.WSASetSocketPeerTargetName(s, (IntPtr)(&first), sizeof(SOCKET_PEER_TARGET_NAME), IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.sendto(s, buf, buf.Length, 0, peer, 16);
                var second = new SOCKET_PEER_TARGET_NAME();
                second.PeerAddress = other;
                Native.WSASetSocketPeerTargetName(s, (IntPtr)(&second), sizeof(SOCKET_PEER_TARGET_NAME), IntPtr.Zero, IntPtr.Zero);
        """);

    // ---- Control-flow shapes and helpers ------------------------------------------------------------------------

    [Fact]
    public Task Connect_helper_then_target_name_is_flagged() => V.AnalyzerAsync("""
        class C
        {
            static void Open(IntPtr socket, IntPtr addr)
            {
                if (Native.connect(socket, addr, 16) != 0) throw new InvalidOperationException();
            }

            void M(IntPtr addr, IntPtr name)
            {
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Open(s, addr);
                {|SSX006:Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task Name_helper_before_connect_is_clean() => V.AnalyzerAsync("""
        class C
        {
            static void Name(IntPtr socket, IntPtr name)
            {
                if (Native.WSASetSocketPeerTargetName(socket, name, 64, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
            }

            void M(IntPtr addr, IntPtr name)
            {
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Name(s, name);
                Native.connect(s, addr, 16);
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task Name_helper_after_connect_is_flagged_at_the_helper_call() => V.AnalyzerAsync("""
        class C
        {
            static void Name(IntPtr socket, IntPtr name)
            {
                if (Native.WSASetSocketPeerTargetName(socket, name, 64, IntPtr.Zero, IntPtr.Zero) != 0) throw new InvalidOperationException();
            }

            void M(IntPtr addr, IntPtr name)
            {
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                Native.connect(s, addr, 16);
                {|SSX006:Name(s, name)|};
            }
        }
        """, Bindings.DllImport);

    [Fact]
    public Task Switch_case_connects_then_target_name_is_flagged() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                switch (count)
                {
                    case 1: Native.connect(s, addr, 16); break;
                    default: break;
                }
                {|SSX006:Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
        """);

    [Fact]
    public Task Goto_skipping_the_connect_is_clean() => Clean("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                if (flag) goto name;
                return;
            name:
                if (Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero) != 0) return;
                Native.connect(s, addr, 16);
        """);

    [Fact]
    public Task Connect_in_try_target_name_in_catch_is_flagged() => Flagged("""
                var s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
                try
                {
                    Native.connect(s, addr, 16);
                    Console.WriteLine("connected");
                }
                catch (Exception)
                {
                    {|SSX006:Native.WSASetSocketPeerTargetName(s, name, 64, IntPtr.Zero, IntPtr.Zero)|};
                }
        """);

    [Fact]
    public Task UdpClient_connected_then_target_name_is_flagged() => Flagged("""
                var udp = new UdpClient(AddressFamily.InterNetwork);
                udp.Connect("peer.example", 5000);
                {|SSX006:Native.WSASetSocketPeerTargetName(udp.Client.Handle, name, 64, IntPtr.Zero, IntPtr.Zero)|};
        """);
}
