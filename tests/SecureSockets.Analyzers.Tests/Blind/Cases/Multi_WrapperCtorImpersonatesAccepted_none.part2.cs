// Companion of Multi_WrapperCtorImpersonatesAccepted_none: the impersonation wrapper (constructor begins, Dispose reverts) and the listener security helpers.
using System;
using System.ComponentModel;
using Woodgrove.Backup.Agent.Interop;

namespace Woodgrove.Backup.Agent
{
    /// <summary>Impersonates the peer of a connected socket until disposed.</summary>
    internal sealed class PeerImpersonationScope : IDisposable
    {
        private bool _active;

        internal PeerImpersonationScope(IntPtr connection)
        {
            if (FwpNative.ImpersonatePeerNative(connection, IntPtr.Zero, 0) == Ws2.SOCKET_ERROR)
                throw new Win32Exception(Ws2.WSAGetLastError(), "WSAImpersonateSocketPeer");

            _active = true;
        }

        public void Dispose()
        {
            if (!_active)
                return;

            _active = false;
            if (FwpNative.RevertImpersonationNative() != 0)
                Environment.FailFast("WSARevertImpersonation failed; the agent thread would keep the peer's identity.");
        }
    }

    internal static class ListenerSecurity
    {
        /// <summary>Requires IPsec (default policy) on a listener that has not been bound yet.</summary>
        internal static void RequireIpsec(IntPtr listener)
        {
            SecureCore(listener);
        }

        private static void SecureCore(IntPtr socket)
        {
            if (FwpNative.WSASetSocketSecurity(socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Ws2.SOCKET_ERROR)
                throw new Win32Exception(Ws2.WSAGetLastError(), "WSASetSocketSecurity");
        }
    }
}
