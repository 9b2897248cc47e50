// Expect: clean
// Why: "Sockets" (`.Handle` refers to the same socket) and Precision 14 (`var t = s;` is the same socket): the alias of `socket.Handle` is secured and named through helpers before `socket.Connect`.
using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Contoso.Ledger.Replicator
{
    internal static class IpsecNative
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr Socket, IntPtr SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketPeerTargetName(IntPtr Socket, IntPtr PeerTargetName, uint PeerTargetNameLen, IntPtr Overlapped, IntPtr CompletionRoutine);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public sealed class ReplicaLink
    {
        private readonly IPEndPoint _primary;
        private readonly IntPtr _targetName;
        private readonly uint _targetNameLength;

        public ReplicaLink(IPEndPoint primary, IntPtr targetName, uint targetNameLength)
        {
            _primary = primary;
            _targetName = targetName;
            _targetNameLength = targetNameLength;
        }

        public Socket Open()
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            IntPtr handle = socket.Handle;
            IntPtr raw = handle;

            SecureRaw(raw);
            NameTarget(socket.Handle);
            socket.Connect(_primary);
            return socket;
        }

        private static void SecureRaw(IntPtr s)
        {
            if (IpsecNative.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new SocketException(IpsecNative.WSAGetLastError());
        }

        private void NameTarget(IntPtr s)
        {
            if (IpsecNative.WSASetSocketPeerTargetName(s, _targetName, _targetNameLength, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new SocketException(IpsecNative.WSAGetLastError());
        }
    }
}
