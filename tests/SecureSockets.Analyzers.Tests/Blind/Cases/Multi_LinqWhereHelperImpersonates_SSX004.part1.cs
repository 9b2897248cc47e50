// Companion of Multi_LinqWhereHelperImpersonates_SSX004: SSPI P/Invoke (sspicli, renamed through EntryPoint) and the accepted client.
using System;
using System.Runtime.InteropServices;

namespace Tailspin.Share.Browser.Interop
{
    [StructLayout(LayoutKind.Sequential)]
    public struct CtxtHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class SspiNative
    {
        internal const int SEC_E_OK = 0;

        [DllImport("sspicli.dll", EntryPoint = "ImpersonateSecurityContext", ExactSpelling = true)]
        internal static extern int NativeImpersonateClient(ref CtxtHandle phContext);

        [DllImport("sspicli.dll", EntryPoint = "RevertSecurityContext", ExactSpelling = true)]
        internal static extern int NativeRevertClient(ref CtxtHandle phContext);
    }

    /// <summary>A client whose Negotiate handshake was completed by AcceptSecurityContext elsewhere in the server.</summary>
    public sealed class AcceptedClient
    {
        internal CtxtHandle Context;

        public AcceptedClient(CtxtHandle context, string userName)
        {
            Context = context;
            UserName = userName;
        }

        public string UserName { get; }
    }
}
