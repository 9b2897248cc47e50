// Expect: SSX006
// Why: SSX006 ("reported at a target-name event on S reached … on an accepted socket", C-TGT-1/C-TGT-2): the server names the peer on the socket returned by accept, which is already connected.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Contoso.Cluster.Heartbeat
{
    internal static class Native
    {
        public const int SOCKET_ERROR = -1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);

        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        public static extern int WSASetSocketPeerTargetName(IntPtr s, IntPtr target, uint len, IntPtr overlapped, IntPtr completion);
    }

    public sealed class HeartbeatListener
    {
        private readonly IntPtr _listenSocket;
        private readonly string _expectedPeerSpn;

        public HeartbeatListener(IntPtr listenSocket, string expectedPeerSpn)
        {
            _listenSocket = listenSocket;
            _expectedPeerSpn = expectedPeerSpn;
        }

        public IntPtr AcceptPeer()
        {
            IntPtr peer = Native.accept(_listenSocket, IntPtr.Zero, IntPtr.Zero);
            if (peer == Native.INVALID_SOCKET)
                throw new Win32Exception(Native.WSAGetLastError(), "accept");

            byte[] name = Encoding.Unicode.GetBytes(_expectedPeerSpn);
            int length = 140 + name.Length;
            IntPtr target = Marshal.AllocHGlobal(length);
            try
            {
                Marshal.Copy(new byte[140], 0, target, 140);
                Marshal.WriteInt32(target, 136, name.Length);
                Marshal.Copy(name, 0, target + 140, name.Length);

                // Only talk to the other cluster node.
                if ({|SSX006:Native.WSASetSocketPeerTargetName(peer, target, (uint)length, IntPtr.Zero, IntPtr.Zero)|} == Native.SOCKET_ERROR)
                {
                    int error = Native.WSAGetLastError();
                    Native.closesocket(peer);
                    throw new Win32Exception(error, "WSASetSocketPeerTargetName");
                }
            }
            finally
            {
                Marshal.FreeHGlobal(target);
            }

            return peer;
        }
    }
}
