// Expect: SSX003
// Why: SSX003 ("exceptional paths count") with Precision 20: inside the accept loop the two-deep FailFast revert runs only after the handler's work, so an exception from Directory.GetFiles leaves the loop still impersonating.
using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Adatum.Inventory.Listener
{
    internal static class Winsock
    {
        public const int SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);

        [DllImport("ws2_32.dll")]
        public static extern int send(IntPtr s, byte[] buf, int len, int flags);

        [DllImport("ws2_32.dll")]
        public static extern int closesocket(IntPtr s);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSARevertImpersonation();
    }

    internal static class Impersonation
    {
        public static void End() => EndChecked();

        private static void EndChecked()
        {
            if (Winsock.WSARevertImpersonation() == Winsock.SOCKET_ERROR)
                Environment.FailFast("Could not revert peer impersonation.");
        }
    }

    public sealed class InventoryListener
    {
        private volatile bool _stopping;

        public void Stop() => _stopping = true;

        public void Serve(IntPtr listenSocket, string inventoryRoot)
        {
            while (!_stopping)
            {
                IntPtr client = Winsock.accept(listenSocket, IntPtr.Zero, IntPtr.Zero);
                if (client == new IntPtr(-1))
                    continue;

                if ({|SSX003:Winsock.WSAImpersonateSocketPeer(client, IntPtr.Zero, 0)|} == Winsock.SOCKET_ERROR)
                {
                    Winsock.closesocket(client);
                    continue;
                }

                string[] items = Directory.GetFiles(inventoryRoot, "*.item");
                Impersonation.End();

                byte[] reply = Encoding.ASCII.GetBytes(items.Length + "\r\n");
                Winsock.send(client, reply, reply.Length, 0);
                Winsock.closesocket(client);
            }
        }
    }
}
