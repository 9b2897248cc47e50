// Expect: SSX016
// Why: Precision 12 (the CFG decides): in a `switch` over SMB commands one section impersonates, leaves its try with `break` and `return`, and the finally reverts; the failure case returns a status (SSX005 silent). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace SmbLite.Server
{
    [StructLayout(LayoutKind.Sequential)]
    public struct CtxtHandle
    {
        public UIntPtr dwLower;
        public UIntPtr dwUpper;
    }

    internal static class Secur32
    {
        [DllImport("secur32.dll", ExactSpelling = true)]
        internal static extern int ImpersonateSecurityContext(ref CtxtHandle phContext);

        [DllImport("secur32.dll", ExactSpelling = true)]
        internal static extern int RevertSecurityContext(ref CtxtHandle phContext);
    }

    public enum SmbCommand : ushort { Negotiate = 0, SessionSetup = 1, Create = 5, Close = 6, Echo = 13 }

    public enum NTStatus : uint
    {
        STATUS_SUCCESS = 0,
        STATUS_ACCESS_DENIED = 0xC0000022,
        STATUS_OBJECT_NAME_NOT_FOUND = 0xC0000034,
        STATUS_NOT_SUPPORTED = 0xC00000BB,
    }

    public sealed class SmbRequest
    {
        public SmbCommand Command;
        public string Path;
        public CtxtHandle SecurityContext;
    }

    public sealed class SmbCommandProcessor
    {
        public NTStatus Process(SmbRequest request, out Stream opened)
        {
            opened = null;
            switch (request.Command)
            {
                case SmbCommand.Echo:
                    return NTStatus.STATUS_SUCCESS;

                case SmbCommand.Create:
                    if (Secur32.ImpersonateSecurityContext(ref request.SecurityContext) != 0)
                        return NTStatus.STATUS_ACCESS_DENIED;
                    try
                    {
                        if (!File.Exists(request.Path))
                            return NTStatus.STATUS_OBJECT_NAME_NOT_FOUND;
                        opened = new FileStream(request.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
                        break;
                    }
                    catch (UnauthorizedAccessException)
                    {
                        return NTStatus.STATUS_ACCESS_DENIED;
                    }
                    finally
                    {
                        {|SSX016:Secur32.RevertSecurityContext(ref request.SecurityContext)|};
                    }

                default:
                    return NTStatus.STATUS_NOT_SUPPORTED;
            }

            return NTStatus.STATUS_SUCCESS;
        }
    }
}
