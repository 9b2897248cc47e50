// Companion of Multi_TopLevelIpsecProbe_SSX007: the target-name helper (builds SOCKET_PEER_TARGET_NAME by hand in an HGlobal buffer, throws on failure).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace RedTeam.IpsecProbe
{
    internal static class PeerName
    {
        // SOCKET_PEER_TARGET_NAME: SecurityProtocol (4) + padding (4) + SOCKADDR_STORAGE PeerAddress (128)
        // + PeerTargetNameStringLen (4) + AllStrings[].
        private const int PeerTargetNameStringLenOffset = 136;
        private const int AllStringsOffset = 140;

        internal static void Set(IntPtr socket, string spn)
        {
            byte[] name = Encoding.Unicode.GetBytes(spn);
            int length = AllStringsOffset + name.Length;
            IntPtr buffer = Marshal.AllocHGlobal(length);
            try
            {
                Marshal.Copy(new byte[length], 0, buffer, length);
                Marshal.WriteInt32(buffer, PeerTargetNameStringLenOffset, name.Length);
                Marshal.Copy(name, 0, buffer + AllStringsOffset, name.Length);

                if (Native.WSASetSocketPeerTargetName(socket, buffer, (uint)length, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketPeerTargetName");
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }
    }
}
