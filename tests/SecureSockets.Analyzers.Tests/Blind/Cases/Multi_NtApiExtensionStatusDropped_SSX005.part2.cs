// Companion of Multi_NtApiExtensionStatusDropped_SSX005: the server context and its extension-method begin/end helpers.
using System;

namespace NtApiDotNet.Win32.Security.Authentication
{
    public sealed class ServerAuthenticationContext
    {
        internal SecHandle Context;

        internal ServerAuthenticationContext(SecHandle context)
        {
            Context = context;
        }

        public string PackageName { get; init; } = "Negotiate";
    }

    public static class ServerAuthenticationContextExtensions
    {
        /// <summary>Starts impersonating the authenticated client on this thread. Returns the SSPI status.</summary>
        public static SecStatusCode BeginImpersonation(this ServerAuthenticationContext context)
        {
            return SecurityNativeMethods.ImpersonateSecurityContextNative(ref context.Context);
        }

        /// <summary>Ends the impersonation started by <see cref="BeginImpersonation"/>; throws when it cannot.</summary>
        public static void EndImpersonation(this ServerAuthenticationContext context)
        {
            SecStatusCode status = SecurityNativeMethods.RevertSecurityContextNative(ref context.Context);
            if (status != SecStatusCode.SUCCESS)
                throw new SspiException(status);
        }
    }
}
