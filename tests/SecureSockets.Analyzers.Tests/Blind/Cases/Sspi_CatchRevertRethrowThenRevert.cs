// Expect: SSX016
// Why: Precision 12 ("`catch { Revert(); throw; }` plus a revert after the `try` reverts on every path too: the CFG decides, not the syntax"), with a second catch that reverts and wraps. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Contoso.Remoting.Channels.Tcp
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SSPI_HANDLE
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class SspiNativeMethods
    {
        internal const int SEC_E_OK = 0;

        [DllImport("secur32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int ImpersonateSecurityContext(ref SSPI_HANDLE phContext);

        [DllImport("secur32.dll", CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int RevertSecurityContext(ref SSPI_HANDLE phContext);
    }

    public class RemotingAuthorizationException : Exception
    {
        public RemotingAuthorizationException(string message, Exception inner) : base(message, inner) { }
    }

    public interface IServerChannelSink
    {
        Stream ProcessMessage(Stream requestStream);
    }

    internal sealed class TcpServerAuthenticatedSink
    {
        private SSPI_HANDLE _context;
        private readonly IServerChannelSink _next;

        internal TcpServerAuthenticatedSink(SSPI_HANDLE context, IServerChannelSink next)
        {
            _context = context;
            _next = next;
        }

        internal Stream ProcessImpersonated(Stream requestStream)
        {
            int status = SspiNativeMethods.ImpersonateSecurityContext(ref _context);
            if (status != SspiNativeMethods.SEC_E_OK)
                throw new Win32Exception(status);

            Stream response;
            try
            {
                response = _next.ProcessMessage(requestStream);
            }
            catch (UnauthorizedAccessException ex)
            {
                {|SSX016:SspiNativeMethods.RevertSecurityContext(ref _context)|};
                throw new RemotingAuthorizationException("The client is not allowed to call this object.", ex);
            }
            catch
            {
                {|SSX016:SspiNativeMethods.RevertSecurityContext(ref _context)|};
                throw;
            }

            {|SSX016:SspiNativeMethods.RevertSecurityContext(ref _context)|};
            return response;
        }
    }
}
