using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using SecureSockets.Interop;
using Xunit;
using static SecureSockets.Interop.NativeConstants;

namespace SecureSockets.Runtime.Tests
{
    /// <summary>Against the real DLLs; skipped on other systems (<see cref="WindowsFactAttribute"/>).</summary>
    public sealed class WindowsIntegrationTests : IDisposable
    {
        private readonly WindowsNative _native = new WindowsNative();

        public WindowsIntegrationTests()
        {
            NativeApi.Override = null;
        }

        public void Dispose() => NativeApi.Override = null;

        [WindowsFact]
        public void Every_PInvoke_signature_binds_to_its_dll_entry_point()
        {
            Marshal.PrelinkAll(typeof(WindowsNative)); // throws EntryPointNotFoundException / DllNotFoundException on a bad declaration
            Assert.Equal(0, _native.WSAStartup());
        }

        [WindowsFact]
        public void A_handle_that_is_not_a_socket_gives_WSAENOTSOCK_C_SEC_7()
        {
            string path = Path.GetTempFileName();
            try
            {
                using var file = new FileStream(path, FileMode.Open);
                IntPtr notASocket = file.SafeFileHandle.DangerousGetHandle();
                Assert.Equal(0, _native.WSAStartup());
                Assert.Equal(SOCKET_ERROR, _native.WSASetSocketSecurity(notASocket, null, 0));
                Assert.Equal(WSAENOTSOCK, _native.WSAGetLastError());
                SecureSocketException e = Assert.Throws<SecureSocketException>(() => SocketSecurity.Apply(notASocket));
                Assert.Equal(WSAENOTSOCK, e.WinsockErrorCode);
                Assert.Equal(WSAENOTSOCK, e.NativeErrorCode);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [WindowsFact]
        public void A_connected_socket_is_refused_with_WSAEISCONN_C_SEC_6_C_TGT_2()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(listener.LocalEndpoint);
            using Socket server = listener.AcceptSocket();
            Assert.Equal(SOCKET_ERROR, _native.WSASetSocketSecurity(client.Handle, null, 0));
            Assert.Equal(WSAEISCONN, _native.WSAGetLastError());
            byte[] target = SocketSecurity.EncodePeerTargetName(System.Text.Encoding.Unicode.GetBytes("host/x"), null);
            Assert.Equal(SOCKET_ERROR, _native.WSASetSocketPeerTargetName(client.Handle, target, (uint)target.Length));
            Assert.Equal(WSAEISCONN, _native.WSAGetLastError());
            Assert.Contains("C-SEC-6", Assert.Throws<InvalidOperationException>(() => SocketSecurity.Apply(client)).Message);
        }

        [WindowsFact]
        public void A_second_application_is_refused_C_SEC_4()
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            SocketSecurity.Apply(socket);
            Assert.Contains("C-SEC-4", Assert.Throws<InvalidOperationException>(() => SocketSecurity.Apply(socket)).Message);
            Assert.Equal(SOCKET_ERROR, _native.WSASetSocketSecurity(socket.Handle, null, 0)); // and Winsock refuses it too
            Assert.NotEqual(0, _native.WSAGetLastError());
        }

        [WindowsFact]
        public void Null_peer_address_gives_WSAEFAULT_C_IMP_5()
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Assert.Equal(SOCKET_ERROR, _native.WSAImpersonateSocketPeer(socket.Handle, null, 0));
            Assert.Equal(WSAEFAULT, _native.WSAGetLastError());
        }

        [WindowsFact]
        public void Null_target_name_gives_WSAEFAULT_C_TGT_5()
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Assert.Equal(SOCKET_ERROR, _native.WSASetSocketPeerTargetName(socket.Handle, null, 0));
            Assert.Equal(WSAEFAULT, _native.WSAGetLastError());
        }

        [WindowsFact]
        public void A_bogus_context_handle_gives_SEC_E_INVALID_HANDLE_and_no_impersonation_C_SSPI_5()
        {
            var bogus = new SspiContextHandle(new IntPtr(0x1234), new IntPtr(0x5678));
            SecurityStatusException e = Assert.Throws<SecurityStatusException>(() => SecurityContextImpersonation.Begin(in bogus));
            Assert.Equal(SEC_E_INVALID_HANDLE, e.SecurityStatus);
            Assert.False(_native.OpenThreadToken(_native.GetCurrentThread(), TOKEN_QUERY, true, out _));
            Assert.Equal(ERROR_NO_TOKEN, _native.GetLastWin32Error());
        }

        [WindowsFact]
        public void The_wrapper_creates_non_overlapped_sockets_with_WSASocketW()
        {
            Assert.Equal(0, _native.WSAStartup());
            IntPtr socket = _native.WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, 0);
            Assert.NotEqual(INVALID_SOCKET, socket);
            var info = new byte[WSAPROTOCOL_INFOW_Size];
            int length = info.Length;
            Assert.Equal(0, _native.GetSockOpt(socket, SOL_SOCKET, SO_PROTOCOL_INFOW, info, ref length));
            Assert.Equal((uint)AF_INET, SockAddr.ReadUInt32(info, WSAPROTOCOL_INFOW_AddressFamilyOffset));
            Assert.Equal((uint)SOCK_STREAM, SockAddr.ReadUInt32(info, WSAPROTOCOL_INFOW_SocketTypeOffset));
            var address = new byte[SockAddrStorageSize];
            length = address.Length;
            Assert.Equal(SOCKET_ERROR, _native.GetSockName(socket, address, ref length));
            Assert.Equal(WSAEINVAL, _native.WSAGetLastError()); // unbound, as the probe expects
            Assert.Equal(0, _native.CloseSocket(socket));
        }
    }
}
