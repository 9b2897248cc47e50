using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Xunit;
using static SecureSockets.Interop.NativeConstants;

namespace SecureSockets.Runtime.Tests
{
    public sealed class PeerTargetNameTests : SimulatorTest
    {
        private static readonly IPEndPoint Peer = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5000);
        private static readonly IPEndPoint OtherPeer = new IPEndPoint(IPAddress.Parse("192.0.2.11"), 5000);

        private Socket Tcp(AddressFamily family = AddressFamily.InterNetwork) => Sim.Adopt(new Socket(family, SocketType.Stream, ProtocolType.Tcp));

        private Socket Udp(AddressFamily family = AddressFamily.InterNetwork) => Sim.Adopt(new Socket(family, SocketType.Dgram, ProtocolType.Udp));

        [Fact]
        public void Stream_client_target_name_is_set_before_connect_C_TGT_3()
        {
            using Socket socket = Tcp();
            SocketSecurity.SetPeerTargetName(socket, "host/server.contoso.com");
            Assert.Equal("host/server.contoso.com", Sim[socket.Handle].StreamTarget);
            Assert.Null(Sim[socket.Handle].StreamTargetAddress);
            Assert.Empty(Sim.Violations);
        }

        [Fact]
        public void Stream_client_target_name_may_carry_the_server_address()
        {
            using Socket socket = Tcp();
            SocketSecurity.SetPeerTargetName(socket, "host/a", Peer);
            Assert.Equal(Peer, Sim[socket.Handle].StreamTargetAddress);
        }

        [Fact]
        public void Connected_socket_is_refused_before_any_native_call_C_TGT_2()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            using Socket socket = Tcp();
            socket.Connect(listener.LocalEndpoint);
            using Socket server = listener.AcceptSocket();
            InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => SocketSecurity.SetPeerTargetName(socket, "host/a"));
            Assert.Contains("C-TGT-2", e.Message);
            Assert.Empty(Sim.Log);
        }

        [Fact]
        public void Connected_raw_socket_is_refused_after_the_queries_only_C_TGT_2()
        {
            IntPtr raw = Sim.NewSocket();
            Sim.SetState(raw, connected: true);
            Assert.Contains("C-TGT-2", Assert.Throws<InvalidOperationException>(() => SocketSecurity.SetPeerTargetName(raw, "host/a")).Message);
            Assert.DoesNotContain(Sim.Log, c => c.Api == "WSASetSocketPeerTargetName");
        }

        [Fact]
        public void Listening_raw_socket_is_refused_C_TGT_1()
        {
            IntPtr raw = Sim.NewSocket();
            Sim.SetState(raw, bound: true, listening: true);
            Assert.Contains("C-TGT-1", Assert.Throws<InvalidOperationException>(() => SocketSecurity.SetPeerTargetName(raw, "host/a")).Message);
            Assert.DoesNotContain(Sim.Log, c => c.Api == "WSASetSocketPeerTargetName");
        }

        [Fact]
        public void Datagram_socket_needs_the_per_peer_form_C_TGT_5()
        {
            using Socket socket = Udp();
            Assert.Contains("C-TGT-5", Assert.Throws<ArgumentException>(() => SocketSecurity.SetPeerTargetName(socket, "host/a")).Message);
            Assert.Empty(Sim.Log);
            IntPtr raw = Sim.NewSocket(type: SOCK_DGRAM);
            Assert.Contains("C-TGT-5", Assert.Throws<ArgumentException>(() => SocketSecurity.SetPeerTargetName(raw, "host/a")).Message);
            Assert.DoesNotContain(Sim.Log, c => c.Api == "WSASetSocketPeerTargetName");
        }

        [Fact]
        public void Datagram_socket_names_one_target_per_peer_C_TGT_4()
        {
            using Socket socket = Udp();
            SocketSecurity.SetPeerTargetName(socket, "host/a", Peer);
            SocketSecurity.SetPeerTargetName(socket, "host/b", OtherPeer);
            Assert.Equal("host/a", Sim[socket.Handle].Targets[Peer]);
            Assert.Equal("host/b", Sim[socket.Handle].Targets[OtherPeer]);
            Assert.Empty(Sim.Violations);
        }

        [Theory]
        [InlineData("0.0.0.0", 0)]
        [InlineData("0.0.0.0", 53)]
        [InlineData("192.0.2.1", 0)]
        [InlineData("::", 0)]
        public void Zero_peer_address_or_port_is_refused_C_TGT_5(string address, int port)
        {
            using Socket socket = Udp(IPAddress.Parse(address).AddressFamily);
            Assert.Contains("C-TGT-5", Assert.Throws<ArgumentException>(() => SocketSecurity.SetPeerTargetName(socket, "host/a", new IPEndPoint(IPAddress.Parse(address), port))).Message);
            Assert.Empty(Sim.Log);
        }

        [Fact]
        public void Null_or_empty_name_is_refused_C_TGT_5()
        {
            using Socket socket = Tcp();
            Assert.Contains("C-TGT-5", Assert.Throws<ArgumentNullException>(() => SocketSecurity.SetPeerTargetName(socket, null!)).Message);
            Assert.Contains("C-TGT-5", Assert.Throws<ArgumentException>(() => SocketSecurity.SetPeerTargetName(socket, "")).Message);
            Assert.Throws<ArgumentException>(() => SocketSecurity.SetPeerTargetName(socket, "a\0b"));
            Assert.Throws<ArgumentNullException>(() => SocketSecurity.SetPeerTargetName(socket, "host/a", null!));
            Assert.Throws<ArgumentNullException>(() => SocketSecurity.SetPeerTargetName((Socket)null!, "host/a"));
            Assert.Empty(Sim.Log);
        }

        [Fact]
        public void Peer_must_be_an_IP_endpoint_of_the_socket_family_C_TGT_6()
        {
            using Socket v4 = Udp();
            Assert.Contains("C-TGT-6", Assert.Throws<ArgumentException>(() => SocketSecurity.SetPeerTargetName(v4, "host/a", new DnsEndPoint("server", 53))).Message);
            Assert.Contains("C-TGT-6", Assert.Throws<ArgumentException>(() => SocketSecurity.SetPeerTargetName(v4, "host/a", new IPEndPoint(IPAddress.Parse("2001:db8::1"), 53))).Message);
            Assert.Empty(Sim.Log);
        }

        [Fact]
        public void IPv4_peer_on_an_IPv6_socket_is_mapped()
        {
            using Socket v6 = Udp(AddressFamily.InterNetworkV6);
            SocketSecurity.SetPeerTargetName(v6, "host/a", Peer);
            Assert.Equal("host/a", Sim[v6.Handle].Targets[new IPEndPoint(Peer.Address.MapToIPv6(), Peer.Port)]);
        }

        [Fact]
        public void Wrong_socket_kind_is_refused_C_TGT_6()
        {
            using var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            Assert.Contains("C-TGT-6", Assert.Throws<ArgumentException>(() => SocketSecurity.SetPeerTargetName(unix, "host/a")).Message);
            IntPtr raw = Sim.NewSocket(type: 3);
            Assert.Contains("C-TGT-6", Assert.Throws<ArgumentException>(() => SocketSecurity.SetPeerTargetName(raw, "host/a", Peer)).Message);
            Assert.DoesNotContain(Sim.Log, c => c.Api == "WSASetSocketPeerTargetName");
        }

        [Fact]
        public void Native_failure_surfaces_with_its_code()
        {
            using Socket socket = Tcp();
            Sim.Inject = api => api == "WSASetSocketPeerTargetName" ? 10055 : null;
            SecureSocketException e = Assert.Throws<SecureSocketException>(() => SocketSecurity.SetPeerTargetName(socket, "host/a"));
            Assert.Equal(10055, e.WinsockErrorCode);
            Assert.Equal("WSASetSocketPeerTargetName", e.FunctionName);
        }

        [Fact]
        public void SafeHandle_and_raw_overloads_reach_the_same_socket()
        {
            using Socket socket = Udp();
            SocketSecurity.SetPeerTargetName(socket.SafeHandle, "host/a", Peer);
            SocketSecurity.SetPeerTargetName(socket.Handle, "host/b", OtherPeer);
            Assert.Equal(2, Sim[socket.Handle].Targets.Count);
            using Socket tcp = Tcp();
            SocketSecurity.SetPeerTargetName(tcp.SafeHandle, "host/c");
            Assert.Equal("host/c", Sim[tcp.Handle].StreamTarget);
        }

        [Fact]
        public void Target_buffer_has_the_documented_layout()
        {
            byte[] buffer = SocketSecurity.EncodePeerTargetName(System.Text.Encoding.Unicode.GetBytes("ab"), Peer);
            Assert.Equal(144 + 4, buffer.Length);
            Assert.Equal(2, buffer[8]); // AF_INET in PeerAddress (SOCKADDR_STORAGE at offset 8)
            Assert.Equal(4u, SecureSockets.Interop.SockAddr.ReadUInt32(buffer, 136));
            Assert.Equal("ab", System.Text.Encoding.Unicode.GetString(buffer, 140, 4));
        }
    }
}
