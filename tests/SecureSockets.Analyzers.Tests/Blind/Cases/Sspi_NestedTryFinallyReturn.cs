// Expect: SSX016
// Why: SSX004 / Precision 12: the `return` and the throws sit in an inner try/finally (freeing a buffer) nested in the outer try whose finally reverts, so every exit passes the revert. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TokenBroker.Service
{
    [StructLayout(LayoutKind.Sequential)]
    public struct CtxtHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class Interop
    {
        internal const int SEC_E_OK = 0;
        internal const uint TOKEN_QUERY = 0x0008, TOKEN_DUPLICATE = 0x0002;
        internal const int TokenStatistics = 10;

        [DllImport("secur32.dll")]
        internal static extern int ImpersonateSecurityContext(ref CtxtHandle phContext);

        [DllImport("secur32.dll")]
        internal static extern int RevertSecurityContext(ref CtxtHandle phContext);

        [DllImport("kernel32.dll")]
        internal static extern IntPtr GetCurrentThread();

        [DllImport("advapi32.dll", SetLastError = true)]
        internal static extern bool OpenThreadToken(IntPtr threadHandle, uint desiredAccess, bool openAsSelf, out SafeAccessTokenHandle tokenHandle);

        [DllImport("advapi32.dll", SetLastError = true)]
        internal static extern bool GetTokenInformation(SafeAccessTokenHandle tokenHandle, int tokenInformationClass,
            IntPtr tokenInformation, int tokenInformationLength, out int returnLength);
    }

    public static class ClientTokenCapture
    {
        private const int TokenStatisticsSize = 56;

        public static SafeAccessTokenHandle CaptureClientToken(ref CtxtHandle context, out long authenticationId)
        {
            authenticationId = 0;

            int status = Interop.ImpersonateSecurityContext(ref context);
            if (status != Interop.SEC_E_OK)
                throw new Win32Exception(status, "ImpersonateSecurityContext failed");

            try
            {
                IntPtr buffer = Marshal.AllocHGlobal(TokenStatisticsSize);
                try
                {
                    if (!Interop.OpenThreadToken(Interop.GetCurrentThread(), Interop.TOKEN_QUERY | Interop.TOKEN_DUPLICATE, true, out SafeAccessTokenHandle token))
                        throw new Win32Exception(Marshal.GetLastWin32Error());

                    if (!Interop.GetTokenInformation(token, Interop.TokenStatistics, buffer, TokenStatisticsSize, out _))
                    {
                        int error = Marshal.GetLastWin32Error();
                        token.Dispose();
                        throw new Win32Exception(error);
                    }

                    // TOKEN_STATISTICS.AuthenticationId follows the 8-byte TokenId.
                    authenticationId = Marshal.ReadInt64(buffer, 8);
                    return token;
                }
                finally
                {
                    Marshal.FreeHGlobal(buffer);
                }
            }
            finally
            {
                {|SSX016:Interop.RevertSecurityContext(ref context)|};
            }
        }
    }
}
