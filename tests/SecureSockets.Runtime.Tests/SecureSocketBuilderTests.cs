using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using SecureSockets.Runtime.Tests.Simulator;
using Xunit;

namespace SecureSockets.Runtime.Tests
{
    public sealed class SecureSocketBuilderTests : SimulatorTest
    {
        private static readonly IPEndPoint Peer = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5000);
        private static readonly IPEndPoint OtherPeer = new IPEndPoint(IPAddress.Parse("192.0.2.11"), 5000);

        private int IndexOf(string api, IntPtr handle) => Sim.Log.ToList().FindIndex(c => c.Api == api && c.Socket == handle);

        [Fact]
        public void Client_is_created_secured_named_then_connected()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var server = (IPEndPoint)listener.LocalEndpoint;
            using Socket client = SecureSocketBuilder.Tcp(AddressFamily.InterNetwork)
                .WithSecurity(new SocketSecuritySettings(SocketSecurityProtocol.IPsec, SocketSecurityFlags.GuaranteeEncryption))
                .WithPeerTargetName("host/server")
                .Connect(server);
            using Socket accepted = listener.AcceptSocket();
            Assert.True(client.Connected);
            IntPtr h = client.Handle;
            Assert.Equal(1, Sim[h].SecureCount);
            Assert.Equal("host/server", Sim[h].StreamTarget);
            Assert.Equal(server, Sim[h].StreamTargetAddress);
            Assert.True(IndexOf("socket", h) < IndexOf("WSASetSocketSecurity", h));
            Assert.True(IndexOf("WSASetSocketSecurity", h) < IndexOf("WSASetSocketPeerTargetName", h));
            Assert.Empty(Sim.Violations);
        }

        [Fact]
        public void Server_is_secured_before_bind_and_listens()
        {
            using Socket server = SecureSocketBuilder.Tcp(AddressFamily.InterNetworkV6).Listen(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            Assert.True(server.IsBound);
            Assert.Equal(1, Sim[server.Handle].SecureCount);
            Assert.Null(Sim[server.Handle].Settings); // default policy (C-SEC-7)
            using var client = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(server.LocalEndPoint!);
            using Socket accepted = server.Accept();
            Assert.True(accepted.Connected);
            Assert.Empty(Sim.Violations);
        }

        [Fact]
        public void Datagram_socket_gets_per_peer_names_before_bind()
        {
            using Socket udp = SecureSocketBuilder.Udp(AddressFamily.InterNetwork)
                .WithPeerTargetName("host/a", Peer)
                .WithPeerTargetName("host/b", OtherPeer)
                .Bind(new IPEndPoint(IPAddress.Loopback, 0));
            Assert.True(udp.IsBound);
            Assert.Equal(2, Sim[udp.Handle].Targets.Count);
            Assert.Equal(1, Sim[udp.Handle].SecureCount);
            Assert.Empty(Sim.Violations);
        }

        [Fact]
        public void Securing_failure_closes_the_new_socket_and_surfaces_the_code()
        {
            Sim.Inject = api => api == "WSASetSocketSecurity" ? 10055 : null;
            SecureSocketException e = Assert.Throws<SecureSocketException>(() => SecureSocketBuilder.Tcp(AddressFamily.InterNetwork).Listen(new IPEndPoint(IPAddress.Loopback, 0)));
            Assert.Equal(10055, e.WinsockErrorCode);
            Socket created = Assert.Single(Sim.ManagedSockets);
            Assert.True(created.SafeHandle.IsClosed);
            Assert.False(created.IsBound);
        }

        [Fact]
        public void Naming_failure_closes_the_socket_before_it_connects()
        {
            Sim.Inject = api => api == "WSASetSocketPeerTargetName" ? 10022 : null;
            Assert.Throws<SecureSocketException>(() => SecureSocketBuilder.Tcp(AddressFamily.InterNetwork).WithPeerTargetName("host/a").Connect(Peer));
            Socket created = Assert.Single(Sim.ManagedSockets);
            Assert.True(created.SafeHandle.IsClosed);
        }

        [Fact]
        public void Connect_failure_closes_the_socket()
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var closedPort = (IPEndPoint)probe.LocalEndPoint!; // bound, not listening: connect is refused
            Assert.Throws<SocketException>(() => SecureSocketBuilder.Tcp(AddressFamily.InterNetwork).Connect(closedPort));
            Assert.True(Assert.Single(Sim.ManagedSockets).SafeHandle.IsClosed);
        }

        [Fact]
        public void Misuse_is_refused_without_native_calls()
        {
            Assert.Contains("C-SEC-5", Assert.Throws<ArgumentException>(() => SecureSocketBuilder.Tcp(AddressFamily.Unix)).Message);
            Assert.Contains("C-SEC-5", Assert.Throws<ArgumentException>(() => SecureSocketBuilder.Create(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp)).Message);
            Assert.Contains("C-SEC-4", Assert.Throws<InvalidOperationException>(() => SecureSocketBuilder.Tcp(AddressFamily.InterNetwork).WithSecurity().WithSecurity()).Message);
            Assert.Throws<InvalidOperationException>(() => SecureSocketBuilder.Udp(AddressFamily.InterNetwork).WithPeerTargetName("host/a"));
            Assert.Throws<InvalidOperationException>(() => SecureSocketBuilder.Tcp(AddressFamily.InterNetwork).WithPeerTargetName("host/a", Peer));
            Assert.Throws<InvalidOperationException>(() => SecureSocketBuilder.Tcp(AddressFamily.InterNetwork).WithPeerTargetName("host/a").WithPeerTargetName("host/b"));
            Assert.Contains("C-TGT-4", Assert.Throws<InvalidOperationException>(() => SecureSocketBuilder.Udp(AddressFamily.InterNetwork).WithPeerTargetName("a", Peer).WithPeerTargetName("b", Peer)).Message);
            Assert.Contains("C-TGT-1", Assert.Throws<InvalidOperationException>(() => SecureSocketBuilder.Tcp(AddressFamily.InterNetwork).WithPeerTargetName("host/a").Listen(new IPEndPoint(IPAddress.Loopback, 0))).Message);
            Assert.Throws<InvalidOperationException>(() => SecureSocketBuilder.Udp(AddressFamily.InterNetwork).Listen(new IPEndPoint(IPAddress.Loopback, 0)));
            Assert.Throws<ArgumentOutOfRangeException>(() => SecureSocketBuilder.Tcp(AddressFamily.InterNetwork).Listen(new IPEndPoint(IPAddress.Loopback, 0), 0));
            Assert.Throws<ArgumentNullException>(() => SecureSocketBuilder.Tcp(AddressFamily.InterNetwork).Connect(null!));
            Assert.Empty(Sim.Log);
        }

        [Fact]
        public void Impersonable_listener_is_non_overlapped_and_built_in_order()
        {
            using ImpersonableListener listener = SecureSocketBuilder.Tcp(AddressFamily.InterNetwork).ListenImpersonable(new IPEndPoint(IPAddress.Loopback, 0), 16);
            IntPtr h = listener.DangerousGetHandle();
            Assert.False(Sim[h].Overlapped);
            Assert.True(Sim[h].Listening);
            Assert.NotEqual(0, listener.LocalEndPoint.Port);
            string[] actions = Sim.Actions.Where(c => c.Socket == h || c.Api == "WSAStartup").Select(c => c.Api).ToArray();
            Assert.Equal(new[] { "WSAStartup", "WSASocketW", "WSASetSocketSecurity", "bind", "listen" }, actions);
            Assert.Empty(Sim.Violations);
        }

        [Fact]
        public void Impersonable_datagram_socket_is_secured_right_after_creation()
        {
            using ImpersonableSocket udp = SecureSocketBuilder.Udp(AddressFamily.InterNetworkV6).BindImpersonable(new IPEndPoint(IPAddress.IPv6Loopback, 4000));
            IntPtr h = udp.DangerousGetHandle();
            Assert.False(Sim[h].Overlapped);
            string[] actions = Sim.Actions.Where(c => c.Socket == h).Select(c => c.Api).ToArray();
            Assert.Equal(new[] { "WSASocketW", "WSASetSocketSecurity", "bind" }, actions);
            Assert.Equal(SocketType.Dgram, udp.SocketType);
        }

        [Fact]
        public void Impersonable_listener_creation_failure_leaves_nothing_open()
        {
            Sim.Inject = api => api == "listen" ? 10048 : null;
            SecureSocketException e = Assert.Throws<SecureSocketException>(() => ImpersonableListener.Listen(new IPEndPoint(IPAddress.Loopback, 0)));
            Assert.Equal(10048, e.WinsockErrorCode);
            NativeCall created = Sim.Log.Single(c => c.Api == "WSASocketW");
            Assert.Contains(Sim.Log, c => c.Api == "closesocket" && c.Socket == created.Socket);
        }
    }
}
