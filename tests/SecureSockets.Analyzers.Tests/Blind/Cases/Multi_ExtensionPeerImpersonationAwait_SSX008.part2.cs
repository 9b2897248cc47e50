// Companion of Multi_ExtensionPeerImpersonationAwait_SSX008: extension-method helpers on Socket (begin throws on failure; revert fails fast).
using System;
using System.Net.Sockets;
using Contoso.Scanning.Intake.Interop;

namespace Contoso.Scanning.Intake
{
    public static class SocketPeerExtensions
    {
        /// <summary>Impersonates the IPsec-authenticated peer of a connected socket on the calling thread; throws on failure.</summary>
        public static void ImpersonatePeer(this Socket socket)
        {
            if (FwpInterop.ImpersonateSocketPeer(socket.Handle, IntPtr.Zero, 0) != 0)
                throw new SocketException(Ws2.WSAGetLastError());
        }

        /// <summary>Ends peer impersonation on the calling thread; a failure here is fatal.</summary>
        public static void RevertPeer(this Socket socket)
        {
            if (FwpInterop.RevertImpersonation() != 0)
                Environment.FailFast("WSARevertImpersonation failed: " + Ws2.WSAGetLastError());
        }
    }
}
