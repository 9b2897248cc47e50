// Companion of Multi_GenuineChannelsClientHelpers_none: IPsec setup helpers for managed sockets (one and two levels deep).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Fabrikam.Remoting.Channels.Tcp.Interop;

namespace Fabrikam.Remoting.Channels.Tcp
{
    internal static class IpsecSocketSetup
    {
        // SOCKET_PEER_TARGET_NAME: SecurityProtocol (4) + padding (4) + SOCKADDR_STORAGE PeerAddress (128)
        // + PeerTargetNameStringLen (4) + AllStrings[].
        private const int PeerTargetNameStringLenOffset = 136;
        private const int AllStringsOffset = 140;

        /// <summary>Applies the machine's IPsec policy to the socket (SIO_SET_SECURITY with default settings).</summary>
        internal static void Secure(Socket socket)
        {
            int rc = WinsockInterop.WSAIoctl(socket.Handle, WinsockInterop.SIO_SET_SECURITY, IntPtr.Zero, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero);
            if (rc == WinsockInterop.SOCKET_ERROR)
                throw new SocketException(WinsockInterop.WSAGetLastError());
        }

        /// <summary>Names the SPN the peer must authenticate as.</summary>
        internal static void SetTarget(Socket socket, string spn)
        {
            int rc = SetTargetCore(socket.Handle, spn);
            if (rc == WinsockInterop.SOCKET_ERROR)
                throw new SocketException(WinsockInterop.WSAGetLastError());
        }

        private static int SetTargetCore(IntPtr handle, string spn)
        {
            byte[] name = Encoding.Unicode.GetBytes(spn);
            int length = AllStringsOffset + name.Length;
            IntPtr buffer = Marshal.AllocHGlobal(length);
            try
            {
                Marshal.Copy(new byte[length], 0, buffer, length);
                Marshal.WriteInt32(buffer, PeerTargetNameStringLenOffset, name.Length);
                Marshal.Copy(name, 0, buffer + AllStringsOffset, name.Length);
                return WinsockInterop.SetPeerTargetName(handle, buffer, (uint)length, IntPtr.Zero, IntPtr.Zero);
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }
    }
}
