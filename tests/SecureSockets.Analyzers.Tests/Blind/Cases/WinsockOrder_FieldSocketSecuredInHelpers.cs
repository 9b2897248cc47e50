// Expect: clean
// Why: "One socket = one storage location: ... `this` field" and Precision 14: the field socket is created, secured and named by helpers that check their results, then connected; nothing reassigns the field in between.
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Woodgrove.Scada.Poller
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
        internal static extern IntPtr socket(int af, int type, int protocol);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int connect(IntPtr s, ref sockaddr_in name, int namelen);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr Socket, IntPtr SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketPeerTargetName(IntPtr Socket, IntPtr PeerTargetName, uint PeerTargetNameLen, IntPtr Overlapped, IntPtr CompletionRoutine);
    }

    internal sealed class RtuPoller
    {
        private IntPtr _socket;
        private sockaddr_in _rtu;
        private readonly IntPtr _targetName;
        private readonly uint _targetNameLength;

        public RtuPoller(sockaddr_in rtu, IntPtr targetName, uint targetNameLength)
        {
            _rtu = rtu;
            _targetName = targetName;
            _targetNameLength = targetNameLength;
        }

        public void Open()
        {
            _socket = Native.socket(2, 1, 6);
            ApplySecurity(_socket);
            SetTarget(_socket);
            if (Native.connect(_socket, ref _rtu, 16) != 0)
                throw new SocketException(Native.WSAGetLastError());
        }

        private static void ApplySecurity(IntPtr s)
        {
            if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new SocketException(Native.WSAGetLastError());
        }

        private void SetTarget(IntPtr s)
        {
            if (Native.WSASetSocketPeerTargetName(s, _targetName, _targetNameLength, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new SocketException(Native.WSAGetLastError());
        }
    }
}
