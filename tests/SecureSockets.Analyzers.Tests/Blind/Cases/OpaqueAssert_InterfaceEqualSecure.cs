// Expect: clean
// Why: Precision 6 ("a result passed to any method we cannot see into ... leaves our sight"): the WSASetSocketSecurity and target-name results go straight into `IAssert.Equal` through an interface before connect; SSX007 stays silent.
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Woodgrove.Ipsec.Tests
{
    public interface IAssert
    {
        void Equal(int expected, int actual);
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct sockaddr_in
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public long sin_zero;
    }

    internal static class Native
    {
        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern IntPtr socket(int af, int type, int protocol);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int connect(IntPtr s, ref sockaddr_in name, int namelen);

        [DllImport("ws2_32.dll")]
        internal static extern int closesocket(IntPtr s);

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSASetSocketSecurity(IntPtr Socket, IntPtr SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSASetSocketPeerTargetName(IntPtr Socket, IntPtr PeerTargetName, uint PeerTargetNameLen, IntPtr Overlapped, IntPtr CompletionRoutine);
    }

    public sealed class SecuredLoopbackScenario
    {
        private readonly IAssert _assert;

        public SecuredLoopbackScenario(IAssert assert) => _assert = assert;

        internal void ClientConnectsWithIpsec(sockaddr_in server, IntPtr targetName, uint targetNameLength)
        {
            IntPtr s = Native.socket(2, 1, 6);
            try
            {
                _assert.Equal(0, Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero));
                _assert.Equal(0, Native.WSASetSocketPeerTargetName(s, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero));
                _assert.Equal(0, Native.connect(s, ref server, 16));
            }
            finally
            {
                Native.closesocket(s);
            }
        }
    }
}
