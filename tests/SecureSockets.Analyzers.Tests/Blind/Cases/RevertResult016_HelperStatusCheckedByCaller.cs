// Expect: clean
// Why: reading 24 "SSX016" (a helper that reverts and returns the status passes the obligation to its caller) + Precision 2 (BeginPeerImpersonation only returns the status: a begin-helper): the caller tests EndPeerImpersonation()'s result and fails fast, so the revert result is handled; the peer impersonation is tested and reverted in the finally (SSX003/SSX005 silent), the socket is a parameter (SSX010/SSX011 silent).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace Litware.Licensing.Activation
{
    internal static class Fwp
    {
        [DllImport("fwpuclnt.dll")]
        internal static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, uint peerAddrLen);

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public interface ISeatLedger
    {
        bool TryReserveSeat(string machineAccount, string productKey);
    }

    public sealed class ActivationEndpoint
    {
        private readonly ISeatLedger _ledger;

        public ActivationEndpoint(ISeatLedger ledger) => _ledger = ledger;

        private static int BeginPeerImpersonation(IntPtr connection) =>
            Fwp.WSAImpersonateSocketPeer(connection, IntPtr.Zero, 0);

        private static int EndPeerImpersonation() => Fwp.WSARevertImpersonation();

        /// <param name="connection">Blocking, IPsec-secured socket accepted for this activation request.</param>
        public bool Activate(IntPtr connection, string productKey)
        {
            if (BeginPeerImpersonation(connection) != 0)
                throw new Win32Exception(Fwp.WSAGetLastError(), "WSAImpersonateSocketPeer");

            string machineAccount;
            try
            {
                // IPsec authenticated the peer computer; its machine account is the thread's identity now.
                machineAccount = WindowsIdentity.GetCurrent(TokenAccessLevels.Query).Name;
            }
            finally
            {
                if (EndPeerImpersonation() != 0)
                    Environment.FailFast("WSARevertImpersonation failed: " + Fwp.WSAGetLastError());
            }

            return _ledger.TryReserveSeat(machineAccount, productKey);
        }
    }
}
