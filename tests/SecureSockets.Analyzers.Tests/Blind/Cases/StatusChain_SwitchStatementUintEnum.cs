// Expect: SSX016
// Why: Precision 6 (a `switch` is a test) and 18: only `case SecurityStatus.OK` falls out of the switch, every other status returns or throws, and the revert is in a finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace Fabrikam.Rpc.Authorization
{
    public enum SecurityStatus : uint
    {
        OK = 0x00000000,
        InvalidHandle = 0x80090301,
        UnsupportedFunction = 0x80090302,
        NoImpersonation = 0x8009030B,
    }

    public enum AuthorizationResult { Granted, Denied, IdentifyOnly }

    [StructLayout(LayoutKind.Sequential)]
    public struct CtxtHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    public sealed class SspiException : Exception
    {
        public SspiException(SecurityStatus status, string function)
            : base($"{function} returned 0x{(uint)status:X8}") => Status = status;

        public SecurityStatus Status { get; }
    }

    internal static class NativeMethods
    {
        [DllImport("sspicli.dll")]
        internal static extern SecurityStatus ImpersonateSecurityContext(ref CtxtHandle phContext);

        [DllImport("sspicli.dll")]
        internal static extern SecurityStatus RevertSecurityContext(ref CtxtHandle phContext);
    }

    public sealed class GroupMembershipAuthorizer
    {
        private readonly SecurityIdentifier _operatorsGroup;

        public GroupMembershipAuthorizer(SecurityIdentifier operatorsGroup) => _operatorsGroup = operatorsGroup;

        public AuthorizationResult Authorize(ref CtxtHandle context)
        {
            SecurityStatus status = NativeMethods.ImpersonateSecurityContext(ref context);
            switch (status)
            {
                case SecurityStatus.OK:
                    break;
                case SecurityStatus.NoImpersonation:
                case SecurityStatus.UnsupportedFunction:
                    return AuthorizationResult.IdentifyOnly;
                default:
                    throw new SspiException(status, nameof(NativeMethods.ImpersonateSecurityContext));
            }

            try
            {
                using (WindowsIdentity caller = WindowsIdentity.GetCurrent(TokenAccessLevels.Query))
                {
                    var principal = new WindowsPrincipal(caller);
                    return principal.IsInRole(_operatorsGroup) ? AuthorizationResult.Granted : AuthorizationResult.Denied;
                }
            }
            finally
            {
                {|SSX016:NativeMethods.RevertSecurityContext(ref context)|};
            }
        }
    }
}
