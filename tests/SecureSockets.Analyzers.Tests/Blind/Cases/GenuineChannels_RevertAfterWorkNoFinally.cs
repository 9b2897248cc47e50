// Expect: SSX004, SSX016
// Why: SSX004 ("a revert only in the straight-line code after the work is not enough") judged at the call of a 2-deep begin-helper (Precision 2): an exception from the dispatched message leaves the thread impersonated. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
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

        internal static void Impersonate(ref SecHandle context)
        {
            int result = ImpersonateSecurityContext(ref context);
            if (result != SEC_E_OK)
                throw new OperationException("ImpersonateSecurityContext failed.", result);
        }
    }

    public class OperationException : Exception
    {
        public OperationException(string message, int code) : base(message) { HResult = code; }
    }

    public class SspiServerSecurityContext
    {
        internal SecHandle _phContext;

        public void ImpersonateClient()
        {
            SspiApi.Impersonate(ref this._phContext);
        }

        public void RevertImpersonation()
        {
            {|SSX016:SspiApi.RevertSecurityContext(ref this._phContext)|};
        }
    }

    public interface IMessageHandler
    {
        Stream HandleMessage(Stream content);
    }

    public class SecuritySession_SspiServer
    {
        private readonly SspiServerSecurityContext _sspiSecurityContext;

        public SecuritySession_SspiServer(SspiServerSecurityContext context)
        {
            _sspiSecurityContext = context;
        }

        public Stream InvokeUnderClientContext(IMessageHandler handler, Stream content)
        {
            {|SSX004:this._sspiSecurityContext.ImpersonateClient()|};
            Stream response = handler.HandleMessage(content);
            this._sspiSecurityContext.RevertImpersonation();
            return response;
        }
    }
}
