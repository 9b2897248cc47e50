using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using SecureSockets.Interop;
using Xunit;

namespace SecureSockets.Runtime.Tests
{
    /// <summary>The public API without a test seam: the real platform decides.</summary>
    public sealed class PlatformAndPolicyTests
    {
        [Fact]
        public void Default_policy_fails_fast_like_RunImpersonated()
        {
            ImpersonationPolicy.Reset();
            Assert.True(ImpersonationPolicy.FailsFast);
            ImpersonationPolicy.OnRevertFailure = _ => { };
            Assert.False(ImpersonationPolicy.FailsFast);
            ImpersonationPolicy.Reset();
            Assert.True(ImpersonationPolicy.FailsFast);
        }

        [Fact]
        public void Arguments_are_validated_before_the_platform_check()
        {
            Assert.Null(NativeApi.Override);
            Assert.Throws<ArgumentNullException>(() => SocketSecurity.Apply((Socket)null!));
            Assert.Throws<ArgumentException>(() => SocketSecurity.Apply(IntPtr.Zero));
            Assert.Throws<ArgumentException>(() => SecurityContextImpersonation.Begin(new IntPtr(1)));
            Assert.Throws<ArgumentNullException>(() => ImpersonableListener.Listen(null!));
        }

        [Fact]
        public void Off_Windows_every_entry_point_throws_PlatformNotSupportedException_after_validation()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                Assert.IsType<WindowsNative>(NativeApi.Get("test"));
                return;
            }

            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var handle = new SspiContextHandle(new IntPtr(1), new IntPtr(2));
            Assert.Contains("Windows", Assert.Throws<PlatformNotSupportedException>(() => SocketSecurity.Apply(socket)).Message);
            Assert.Throws<PlatformNotSupportedException>(() => SocketSecurity.Apply(new IntPtr(5)));
            Assert.Throws<PlatformNotSupportedException>(() => SocketSecurity.SetPeerTargetName(socket, "host/a"));
            Assert.Throws<PlatformNotSupportedException>(() => SecurityContextImpersonation.Begin(in handle));
            Assert.Throws<PlatformNotSupportedException>(() => ImpersonableListener.Listen(new IPEndPoint(IPAddress.Loopback, 0)));
            Assert.Throws<PlatformNotSupportedException>(() => ImpersonableSocket.BindDatagram(new IPEndPoint(IPAddress.Loopback, 0)));
            Assert.Throws<PlatformNotSupportedException>(() => SecureSocketBuilder.Tcp(AddressFamily.InterNetwork).Listen(new IPEndPoint(IPAddress.Loopback, 0)));
            Assert.False(socket.IsBound); // nothing happened to the socket
        }
    }
}
