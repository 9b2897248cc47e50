using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using SecureSockets.Interop;
using Xunit;
using static SecureSockets.Interop.NativeConstants;

namespace SecureSockets.Runtime.Tests
{
    public sealed class SocketSecurityTests : SimulatorTest
    {
        private Socket NewManaged(AddressFamily family = AddressFamily.InterNetwork, SocketType type = SocketType.Stream, ProtocolType protocol = ProtocolType.Tcp) =>
            Sim.Adopt(new Socket(family, type, protocol));

        [Fact]
        public void Apply_socket_with_no_settings_uses_the_default_policy_C_SEC_7()
        {
            using Socket socket = NewManaged();
            SocketSecurity.Apply(socket);
            Assert.Equal(1, Sim[socket.Handle].SecureCount);
            Assert.Null(Sim[socket.Handle].Settings);
            Assert.Empty(Sim.Violations);
        }

        [Fact]
        public void Apply_passes_plain_settings_in_the_documented_layout()
        {
            using Socket socket = NewManaged(type: SocketType.Dgram, protocol: ProtocolType.Udp);
            SocketSecurity.Apply(socket, new SocketSecuritySettings(SocketSecurityProtocol.IPsec, SocketSecurityFlags.GuaranteeEncryption));
            byte[] native = Sim[socket.Handle].Settings!;
            Assert.Equal(new byte[] { 1, 0, 0, 0, 1, 0, 0, 0 }, native);
        }

        [Fact]
        public void Apply_passes_ipsec_settings_with_the_ipsec_protocol_C_SEC_8()
        {
            using Socket socket = NewManaged();
            var settings = new IPsecSocketSecuritySettings(SocketSecurityFlags.AllowInsecure, IPsecSocketFlags.SkipFilterInstantiation)
            {
                UserName = "alice",
                DomainName = "CONTOSO",
                Password = "pw",
                AuthipMainModePolicyKey = Guid.Parse("11111111-2222-3333-4444-555555555555"),
            };
            SocketSecurity.Apply(socket, settings);
            byte[] native = Sim[socket.Handle].Settings!;
            Assert.Equal(NativeConstants.IpsecSettingsSize + (5 + 7 + 2) * 2, native.Length);
            Assert.Equal((uint)SocketSecurityProtocol.IPsec, SockAddr.ReadUInt32(native, 0));
            Assert.Equal(2u, SockAddr.ReadUInt32(native, 4));
            Assert.Equal(1u, SockAddr.ReadUInt32(native, 8));
            Assert.Equal(settings.AuthipMainModePolicyKey, new Guid(native.Skip(12).Take(16).ToArray()));
            Assert.Equal(10u, SockAddr.ReadUInt32(native, 72));
            Assert.Equal(14u, SockAddr.ReadUInt32(native, 76));
            Assert.Equal(4u, SockAddr.ReadUInt32(native, 80));
            Assert.Equal("aliceCONTOSOpw", System.Text.Encoding.Unicode.GetString(native, 84, 28));
            Assert.Empty(Sim.Violations);
        }

        [Fact]
        public void Ipsec_settings_protocol_cannot_be_anything_but_ipsec_C_SEC_8()
        {
            Assert.Equal(SocketSecurityProtocol.IPsec, new IPsecSocketSecuritySettings().Protocol);
            Assert.Null(typeof(SocketSecuritySettings).GetProperty(nameof(SocketSecuritySettings.Protocol))!.SetMethod);
            Assert.True(typeof(IPsecSocketSecuritySettings).IsSealed);
        }

        [Fact]
        public void Undefined_protocol_or_flags_are_refused_up_front_C_SEC_7()
        {
            ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => new SocketSecuritySettings((SocketSecurityProtocol)3, SocketSecurityFlags.None));
            Assert.Contains("C-SEC-7", e.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => new SocketSecuritySettings(SocketSecurityProtocol.Default, (SocketSecurityFlags)4));
            Assert.Throws<ArgumentOutOfRangeException>(() => new IPsecSocketSecuritySettings(ipsecFlags: (IPsecSocketFlags)0x10));
        }

        [Fact]
        public void Apply_null_socket_throws_before_any_native_call()
        {
            Assert.Throws<ArgumentNullException>(() => SocketSecurity.Apply((Socket)null!));
            Assert.Throws<ArgumentNullException>(() => SocketSecurity.Apply((SafeHandle)null!));
            Assert.Empty(Sim.Log);
        }

        [Fact]
        public void Apply_disposed_socket_throws_ObjectDisposedException_before_any_native_call()
        {
            Socket socket = NewManaged();
            socket.Dispose();
            Assert.Throws<ObjectDisposedException>(() => SocketSecurity.Apply(socket));
            Assert.Empty(Sim.Log);
        }

        [Fact]
        public void Apply_refuses_wrong_family_or_type_C_SEC_5()
        {
            using var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            ArgumentException e = Assert.Throws<ArgumentException>(() => SocketSecurity.Apply(unix));
            Assert.Contains("C-SEC-5", e.Message);
            IntPtr raw = Sim.NewSocket(type: 3);
            e = Assert.Throws<ArgumentException>(() => SocketSecurity.Apply(raw));
            Assert.Contains("C-SEC-5", e.Message);
            IntPtr irda = Sim.NewSocket(family: 26);
            Assert.Contains("C-SEC-5", Assert.Throws<ArgumentException>(() => SocketSecurity.Apply(irda)).Message);
            Assert.DoesNotContain(Sim.Log, c => c.Api == "WSASetSocketSecurity");
        }

        [Fact]
        public void Apply_refuses_a_bound_server_socket_C_SEC_2()
        {
            using Socket socket = NewManaged();
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => SocketSecurity.Apply(socket));
            Assert.Contains("C-SEC-2", e.Message);
            Assert.Empty(Sim.Log);
        }

        [Fact]
        public void Apply_refuses_a_listening_socket_C_SEC_2()
        {
            using Socket socket = NewManaged();
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Listen(1);
            Assert.Contains("C-SEC-2", Assert.Throws<InvalidOperationException>(() => SocketSecurity.Apply(socket)).Message);
            IntPtr raw = Sim.NewSocket();
            Sim.SetState(raw, bound: true, listening: true);
            Assert.Contains("C-SEC-2", Assert.Throws<InvalidOperationException>(() => SocketSecurity.Apply(raw)).Message);
            Assert.DoesNotContain(Sim.Log, c => c.Api == "WSASetSocketSecurity");
        }

        [Fact]
        public void Apply_refuses_a_connected_client_socket_C_SEC_1_C_SEC_6()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            using Socket socket = NewManaged();
            socket.Connect(listener.LocalEndpoint);
            using Socket server = listener.AcceptSocket();
            InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => SocketSecurity.Apply(socket));
            Assert.Contains("C-SEC-6", e.Message);
            Assert.Contains("C-SEC-1", e.Message);
            Assert.Empty(Sim.Log);
        }

        [Fact]
        public void Apply_refuses_a_udp_socket_bound_by_a_first_send_C_SEC_3()
        {
            using Socket socket = NewManaged(type: SocketType.Dgram, protocol: ProtocolType.Udp);
            socket.SendTo(new byte[1], new IPEndPoint(IPAddress.Loopback, 9));
            Assert.Contains("C-SEC-3", Assert.Throws<InvalidOperationException>(() => SocketSecurity.Apply(socket)).Message);
        }

        [Fact]
        public void Apply_refuses_a_second_application_C_SEC_4_through_every_overload()
        {
            using Socket socket = NewManaged();
            SocketSecurity.Apply(socket);
            Assert.Contains("C-SEC-4", Assert.Throws<InvalidOperationException>(() => SocketSecurity.Apply(socket)).Message);
            Assert.Contains("C-SEC-4", Assert.Throws<InvalidOperationException>(() => SocketSecurity.Apply(socket.SafeHandle)).Message);
            Assert.Contains("C-SEC-4", Assert.Throws<InvalidOperationException>(() => SocketSecurity.Apply(socket.Handle)).Message);
            Assert.Equal(1, Sim.Log.Count(c => c.Api == "WSASetSocketSecurity"));
            Assert.Empty(Sim.Violations);
        }

        [Fact]
        public void Apply_after_the_secured_socket_was_closed_accepts_a_new_socket_with_the_same_handle_value()
        {
            Sim.WSAStartup();
            IntPtr first = Sim.WSASocketW(AF_INET, SOCK_STREAM, 0, 0);
            var owner = new SafeSocketHandle(first, ownsHandle: false);
            SocketSecurity.Apply(owner);
            owner.Dispose();
            Sim.CloseSocket(first);
            IntPtr second = Sim.WSASocketW(AF_INET, SOCK_STREAM, 0, 0);
            Assert.Equal(first, second); // the value was reused
            using var reused = new SafeSocketHandle(second, ownsHandle: false);
            SocketSecurity.Apply(reused);
            Assert.Equal(1, Sim[second].SecureCount);
        }

        [Fact]
        public void Apply_raw_handle_twice_is_refused_by_Winsock_with_its_code_C_SEC_4()
        {
            IntPtr raw = Sim.NewSocket();
            SocketSecurity.Apply(raw);
            SecureSocketException e = Assert.Throws<SecureSocketException>(() => SocketSecurity.Apply(raw));
            Assert.Equal(WSAEINVAL, e.WinsockErrorCode);
            Assert.Equal("WSASetSocketSecurity", e.FunctionName);
            Assert.Contains("C-SEC-4", e.Message);
        }

        [Fact]
        public void Apply_raw_handle_that_is_no_socket_throws_WSAENOTSOCK_before_WSASetSocketSecurity()
        {
            SecureSocketException e = Assert.Throws<SecureSocketException>(() => SocketSecurity.Apply(new IntPtr(0x7777)));
            Assert.Equal(WSAENOTSOCK, e.WinsockErrorCode);
            Assert.Equal(SocketError.NotSocket, e.SocketErrorCode);
            Assert.Contains("C-SEC-7", e.Message);
            Assert.DoesNotContain(Sim.Log, c => c.Api == "WSASetSocketSecurity");
        }

        [Fact]
        public void Apply_raw_zero_or_invalid_handle_is_refused_without_native_calls()
        {
            Assert.Throws<ArgumentException>(() => SocketSecurity.Apply(IntPtr.Zero));
            Assert.Throws<ArgumentException>(() => SocketSecurity.Apply(new IntPtr(-1)));
            Assert.Empty(Sim.Log);
        }

        [Fact]
        public void Apply_closed_safe_handle_is_refused_without_native_calls()
        {
            var handle = new SafeSocketHandle(Sim.NewSocket(), ownsHandle: false);
            handle.Dispose();
            Assert.Throws<ObjectDisposedException>(() => SocketSecurity.Apply(handle));
            Assert.Empty(Sim.Log);
        }

        [Fact]
        public void Apply_raw_handle_checks_state_through_documented_queries_only()
        {
            IntPtr raw = Sim.NewSocket();
            SocketSecurity.Apply(raw);
            string[] apis = Sim.Log.Select(c => c.Api).ToArray();
            Assert.Equal(new[] { "getsockopt", "getpeername", "WSAGetLastError", "getsockopt", "getsockname", "WSAGetLastError", "WSASetSocketSecurity" }, apis);
        }

        [Fact]
        public void Apply_failure_surfaces_the_winsock_code_and_leaves_the_socket_unrecorded()
        {
            using Socket socket = NewManaged();
            Sim.Inject = api => api == "WSASetSocketSecurity" ? 10055 : null;
            SecureSocketException e = Assert.Throws<SecureSocketException>(() => SocketSecurity.Apply(socket));
            Assert.Equal(10055, e.WinsockErrorCode);
            Assert.Equal(SocketError.NoBufferSpaceAvailable, e.SocketErrorCode);
            Assert.Contains("C-ALL-2", e.Message);
            Sim.Inject = null;
            SocketSecurity.Apply(socket); // not recorded as secured: the retry reaches Winsock
            Assert.Equal(1, Sim[socket.Handle].SecureCount);
        }

        [Fact]
        public void Query_failure_other_than_the_documented_states_is_not_swallowed()
        {
            IntPtr raw = Sim.NewSocket();
            Sim.Inject = api => api == "getsockname" ? 10050 : null;
            SecureSocketException e = Assert.Throws<SecureSocketException>(() => SocketSecurity.Apply(raw));
            Assert.Equal(10050, e.WinsockErrorCode);
            Assert.DoesNotContain(Sim.Log, c => c.Api == "WSASetSocketSecurity");
        }
    }
}
