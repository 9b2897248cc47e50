// Expect: SSX016
// Why: Precision 6 ("a switch" is a test): only `case OK: break;` reaches the impersonated work, the other sections return or throw; the revert is in finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.AccessControl;
using System.Security.Principal;
using System.IO;

namespace Contoso.Sync.Server
{
    public enum SecurityStatus : int
    {
        OK = 0,
        InvalidHandle = unchecked((int)0x80090301),
        Unsupported = unchecked((int)0x80090302),
        NoImpersonation = unchecked((int)0x8009030B),
    }

    public enum AccessResult { Granted, Denied, NotSupported }

    [StructLayout(LayoutKind.Sequential)]
    public struct SspiHandle
    {
        public IntPtr Lower;
        public IntPtr Upper;
    }

    internal static class SspiMethods
    {
        [DllImport("secur32.dll", EntryPoint = "ImpersonateSecurityContext")]
        internal static extern SecurityStatus ImpersonateSecurityContext(ref SspiHandle handle);

        [DllImport("secur32.dll", EntryPoint = "RevertSecurityContext")]
        internal static extern SecurityStatus RevertSecurityContext(ref SspiHandle handle);
    }

    public sealed class SyncAccessChecker
    {
        private static readonly TraceSource Trace = new TraceSource("Contoso.Sync");

        public AccessResult CheckFolderAccess(ref SspiHandle clientContext, string folder, FileSystemRights wanted)
        {
            SecurityStatus status = SspiMethods.ImpersonateSecurityContext(ref clientContext);
            switch (status)
            {
                case SecurityStatus.OK:
                    break;

                case SecurityStatus.NoImpersonation:
                case SecurityStatus.Unsupported:
                    Trace.TraceEvent(TraceEventType.Warning, 0, "Package cannot impersonate ({0}); denying.", status);
                    return AccessResult.NotSupported;

                default:
                    throw new InvalidOperationException("ImpersonateSecurityContext failed: " + status);
            }

            try
            {
                using (WindowsIdentity client = WindowsIdentity.GetCurrent())
                {
                    DirectorySecurity security = new DirectoryInfo(folder).GetAccessControl();
                    foreach (FileSystemAccessRule rule in security.GetAccessRules(true, true, typeof(SecurityIdentifier)))
                    {
                        if (rule.AccessControlType == AccessControlType.Allow &&
                            (rule.FileSystemRights & wanted) == wanted &&
                            (client.User == rule.IdentityReference || client.Groups.Contains(rule.IdentityReference)))
                        {
                            return AccessResult.Granted;
                        }
                    }
                    return AccessResult.Denied;
                }
            }
            finally
            {
                {|SSX016:SspiMethods.RevertSecurityContext(ref clientContext)|};
            }
        }
    }
}
