// Expect: clean
// Why: reading 24 "Handles (SSX014)" ("Passing it by `ref` to an unknown method makes its provenance unknown: silent"): after InitializeSecurityContext writes `context`, the handle goes by ref to ISessionContextBroker.Bind (an interface we cannot see into), which may swap in an accepted context; SSX014 cannot decide. Status tested, revert in finally with its result checked.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Woodgrove.Branch.TellerGateway
{
    [StructLayout(LayoutKind.Sequential)] public struct SecHandle { public IntPtr dwLower; public IntPtr dwUpper; }
    [StructLayout(LayoutKind.Sequential)] public struct SecBufferDesc { public uint ulVersion; public uint cBuffers; public IntPtr pBuffers; }

    internal static class SspiNative
    {
        internal const int SEC_E_OK = 0;

        [DllImport("secur32.dll", CharSet = CharSet.Unicode)]
        internal static extern int InitializeSecurityContextW(ref SecHandle phCredential, IntPtr phContext, string pszTargetName, uint fContextReq, uint reserved1,
            uint targetDataRep, IntPtr pInput, uint reserved2, ref SecHandle phNewContext, ref SecBufferDesc pOutput, out uint pfContextAttr, out long ptsExpiry);

        [DllImport("secur32.dll")] internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);
        [DllImport("secur32.dll")] internal static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    /// <summary>Implemented by the branch broker assembly; binds a teller session to the broker's accepted context.</summary>
    public interface ISessionContextBroker
    {
        void Bind(string sessionId, ref SecHandle context, SecBufferDesc clientToken);
    }

    public interface ILedger { decimal Balance(string account); }

    public sealed class TellerSession
    {
        private readonly ISessionContextBroker _broker;
        private readonly ILedger _ledger;
        private SecHandle _credential;

        public TellerSession(ISessionContextBroker broker, ILedger ledger, SecHandle credential)
        {
            _broker = broker;
            _ledger = ledger;
            _credential = credential;
        }

        public decimal BalanceAsTeller(string sessionId, string brokerSpn, string account)
        {
            var context = new SecHandle();
            var token = new SecBufferDesc { cBuffers = 1 };
            int status = SspiNative.InitializeSecurityContextW(ref _credential, IntPtr.Zero, brokerSpn, 0x800, 0, 0x10, IntPtr.Zero, 0, ref context, ref token, out _, out _);
            if (status != SspiNative.SEC_E_OK)
                throw new Win32Exception(status, "InitializeSecurityContext");

            _broker.Bind(sessionId, ref context, token);

            status = SspiNative.ImpersonateSecurityContext(ref context);
            if (status != SspiNative.SEC_E_OK)
                throw new Win32Exception(status, "ImpersonateSecurityContext");
            try
            {
                return _ledger.Balance(account);
            }
            finally
            {
                int revertStatus = SspiNative.RevertSecurityContext(ref context);
                if (revertStatus != SspiNative.SEC_E_OK)
                    Environment.FailFast("Teller thread still impersonating: RevertSecurityContext 0x" + revertStatus.ToString("X8"));
            }
        }
    }
}
