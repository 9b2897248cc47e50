// Expect: clean
// Why: SSX001/SSX006 with summaries "at most 3 calls deep": Prepare -> ApplyPolicy -> ApplyIpsec secures and Prepare -> NameTarget -> SetTargetChecked names the peer, each checking its result, all before connect.
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Fabrikam.Telephony.Trunk
{
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
        internal static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int connect(IntPtr s, ref sockaddr_in name, int namelen);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr Socket, IntPtr SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketPeerTargetName(IntPtr Socket, IntPtr PeerTargetName, uint PeerTargetNameLen, IntPtr Overlapped, IntPtr CompletionRoutine);
    }

    internal static class ClientSetup
    {
        public static void Prepare(IntPtr s, IntPtr targetName, uint targetNameLength)
        {
            ApplyPolicy(s);
            NameTarget(s, targetName, targetNameLength);
        }

        private static void ApplyPolicy(IntPtr s) => ApplyIpsec(s);

        private static void ApplyIpsec(IntPtr s)
        {
            if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new SocketException(Native.WSAGetLastError());
        }

        private static void NameTarget(IntPtr s, IntPtr targetName, uint length) => SetTargetChecked(s, targetName, length);

        private static void SetTargetChecked(IntPtr s, IntPtr targetName, uint length)
        {
            int rc = Native.WSASetSocketPeerTargetName(s, targetName, length, IntPtr.Zero, IntPtr.Zero);
            if (rc != 0)
                throw new SocketException(Native.WSAGetLastError());
        }
    }

    internal sealed class TrunkConnector
    {
        public IntPtr Open(sockaddr_in peer, IntPtr targetName, uint targetNameLength)
        {
            IntPtr s = Native.WSASocketW(2, 1, 6, IntPtr.Zero, 0, 0);
            ClientSetup.Prepare(s, targetName, targetNameLength);
            if (Native.connect(s, ref peer, Marshal.SizeOf<sockaddr_in>()) != 0)
                throw new SocketException(Native.WSAGetLastError());
            return s;
        }
    }
}
