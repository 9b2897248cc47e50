// Expect: clean
// Why: Precision 2 (ImpersonateClient throws on failure and then only returns: a begin-helper judged at its call site) and Precision 20 (RevertImpersonation throws when RevertSecurityContext fails but still reverts on both paths).
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Belikov.GenuineChannels.Security.SSPI
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal class SspiApi
    {
        internal const int SEC_E_OK = 0;

        [DllImport("secur32.Dll", CharSet = CharSet.Auto, SetLastError = false)]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.Dll", CharSet = CharSet.Auto, SetLastError = false)]
        internal static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    public class OperationException : Exception
    {
        public OperationException(string message, int code) : base(message) { HResult = code; }
    }

    internal static class GenuineExceptions
    {
        public static OperationException Get_Windows_SspiError(int errorCode)
        {
            return new OperationException(string.Format("SSPI error 0x{0:X8}.", errorCode), errorCode);
        }
    }

    public class SspiServerSecurityContext
    {
        internal SecHandle _phContext;

        /// <summary>Impersonates the remote client on the current thread.</summary>
        public void ImpersonateClient()
        {
            int result = SspiApi.ImpersonateSecurityContext(ref this._phContext);
            if (result != SspiApi.SEC_E_OK)
                throw GenuineExceptions.Get_Windows_SspiError(result);
        }

        /// <summary>Returns the current thread to its own security context.</summary>
        public void RevertImpersonation()
        {
            int result = SspiApi.RevertSecurityContext(ref this._phContext);
            if (result != SspiApi.SEC_E_OK)
                throw GenuineExceptions.Get_Windows_SspiError(result);
        }
    }

    public interface IMessageHandler
    {
        Stream HandleMessage(Stream content);
    }

    public class SecuritySession_SspiServer
    {
        private readonly SspiServerSecurityContext _sspiSecurityContext;
        private readonly bool _impersonateRequests = true;

        public SecuritySession_SspiServer(SspiServerSecurityContext context)
        {
            _sspiSecurityContext = context;
        }

        public Stream InvokeUnderClientContext(IMessageHandler handler, Stream content)
        {
            if (!_impersonateRequests)
                return handler.HandleMessage(content);

            this._sspiSecurityContext.ImpersonateClient();
            try
            {
                return handler.HandleMessage(content);
            }
            finally
            {
                this._sspiSecurityContext.RevertImpersonation();
            }
        }
    }
}
