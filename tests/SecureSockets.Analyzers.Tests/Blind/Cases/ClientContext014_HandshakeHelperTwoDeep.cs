// Expect: SSX014
// Why: reading 24 "Handles (SSX014)" ("helpers that do so are summarized"): EstablishOutbound → InitializeLeg writes its `ref SecHandle` parameter through InitializeSecurityContext on every normal return (failures throw), two calls deep; the caller then impersonates that same local, so the handle is client-side on every path (C-SSPI-1).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Alpineski.Rentals.SyncAgent
{
    [StructLayout(LayoutKind.Sequential)] public struct CtxtHandle { public IntPtr dwLower; public IntPtr dwUpper; }
    [StructLayout(LayoutKind.Sequential)] public struct CredHandle { public IntPtr dwLower; public IntPtr dwUpper; }
    [StructLayout(LayoutKind.Sequential)] public struct SecBufferDesc { public uint ulVersion; public uint cBuffers; public IntPtr pBuffers; }

    internal static class Sspi
    {
        internal const int SEC_E_OK = 0, SEC_I_CONTINUE_NEEDED = 0x00090312;

        [DllImport("secur32.dll", CharSet = CharSet.Unicode)]
        internal static extern int InitializeSecurityContextW(ref CredHandle phCredential, IntPtr phContext, string pszTargetName, uint fContextReq, uint reserved1,
            uint targetDataRep, IntPtr pInput, uint reserved2, ref CtxtHandle phNewContext, ref SecBufferDesc pOutput, out uint pfContextAttr, out long ptsExpiry);

        [DllImport("secur32.dll", CharSet = CharSet.Unicode)]
        internal static extern int InitializeSecurityContextW(ref CredHandle phCredential, ref CtxtHandle phContext, string pszTargetName, uint fContextReq, uint reserved1,
            uint targetDataRep, ref SecBufferDesc pInput, uint reserved2, ref CtxtHandle phNewContext, ref SecBufferDesc pOutput, out uint pfContextAttr, out long ptsExpiry);

        [DllImport("secur32.dll")] internal static extern int ImpersonateSecurityContext(ref CtxtHandle phContext);
        [DllImport("secur32.dll")] internal static extern int RevertSecurityContext(ref CtxtHandle phContext);
    }

    public sealed class RentalSyncAgent
    {
        private CredHandle _credential;
        private readonly Func<SecBufferDesc, SecBufferDesc> _sendToHub;

        public RentalSyncAgent(CredHandle credential, Func<SecBufferDesc, SecBufferDesc> sendToHub)
        {
            _credential = credential;
            _sendToHub = sendToHub;
        }

        private int InitializeLeg(ref CtxtHandle context, bool continuing, ref SecBufferDesc input, string hubSpn, ref SecBufferDesc output)
        {
            int status = continuing
                ? Sspi.InitializeSecurityContextW(ref _credential, ref context, hubSpn, 0x800, 0, 0, ref input, 0, ref context, ref output, out _, out _)
                : Sspi.InitializeSecurityContextW(ref _credential, IntPtr.Zero, hubSpn, 0x800, 0, 0, IntPtr.Zero, 0, ref context, ref output, out _, out _);
            if (status != Sspi.SEC_E_OK && status != Sspi.SEC_I_CONTINUE_NEEDED)
                throw new Win32Exception(status, "InitializeSecurityContext");
            return status;
        }

        private void EstablishOutbound(ref CtxtHandle context, string hubSpn)
        {
            var output = new SecBufferDesc();
            var none = new SecBufferDesc();
            int status = InitializeLeg(ref context, false, ref none, hubSpn, ref output);
            while (status == Sspi.SEC_I_CONTINUE_NEEDED)
            {
                SecBufferDesc reply = _sendToHub(output);
                status = InitializeLeg(ref context, true, ref reply, hubSpn, ref output);
            }
        }

        public void PullReservations(string hubSpn, string exportDirectory, byte[] reservations)
        {
            var context = new CtxtHandle();
            EstablishOutbound(ref context, hubSpn);

            int status = {|SSX014:Sspi.ImpersonateSecurityContext(ref context)|};
            if (status != Sspi.SEC_E_OK)
                throw new Win32Exception(status, "ImpersonateSecurityContext");
            try
            {
                File.WriteAllBytes(Path.Combine(exportDirectory, "reservations.bin"), reservations);
            }
            finally
            {
                int revertStatus = Sspi.RevertSecurityContext(ref context);
                if (revertStatus != Sspi.SEC_E_OK)
                    Environment.FailFast($"RevertSecurityContext returned 0x{revertStatus:X8}");
            }
        }
    }
}
