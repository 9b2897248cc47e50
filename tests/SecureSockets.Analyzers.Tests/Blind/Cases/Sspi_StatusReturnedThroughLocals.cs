// Expect: SSX016
// Why: Precision 2/21 (TryImpersonate copies the status through locals and returns it: a begin-helper) and SSX005 ("returning the status to the caller is handling it"): the caller returns the failure status before the delegate runs, and reverts in finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Runtime.InteropServices;

namespace Microsoft.Rpc.Sspi
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct CredHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class NativeMethods
    {
        internal const int SEC_E_OK = 0;
        internal const int SEC_E_INVALID_HANDLE = unchecked((int)0x80090301);

        [DllImport("sspicli.dll", CharSet = CharSet.Unicode)]
        internal static extern int ImpersonateSecurityContext(ref CredHandle phContext);

        [DllImport("sspicli.dll", CharSet = CharSet.Unicode)]
        internal static extern int RevertSecurityContext(ref CredHandle phContext);
    }

    internal sealed class ServerSecurityContext
    {
        private CredHandle _context;
        private bool _complete;

        internal ServerSecurityContext(CredHandle context, bool complete)
        {
            _context = context;
            _complete = complete;
        }

        internal int TryImpersonate()
        {
            if (!_complete)
                return NativeMethods.SEC_E_INVALID_HANDLE;

            int result = NativeMethods.ImpersonateSecurityContext(ref _context);
            int status = result;
            return status;
        }

        /// <summary>Runs <paramref name="callback"/> as the client; returns the SSPI status.</summary>
        internal int RunAsClient(Action callback)
        {
            int status = TryImpersonate();
            if (status != NativeMethods.SEC_E_OK)
                return status;

            try
            {
                callback();
            }
            finally
            {
                {|SSX016:NativeMethods.RevertSecurityContext(ref _context)|};
            }

            return NativeMethods.SEC_E_OK;
        }
    }

    internal sealed class RpcCallDispatcher
    {
        internal byte[] Dispatch(ServerSecurityContext security, Func<byte[]> call)
        {
            byte[] result = null;
            int status = security.RunAsClient(() => result = call());
            if (status != NativeMethods.SEC_E_OK)
                throw new UnauthorizedAccessException($"Cannot run the call as the client (0x{status:X8}).");
            return result;
        }
    }
}
