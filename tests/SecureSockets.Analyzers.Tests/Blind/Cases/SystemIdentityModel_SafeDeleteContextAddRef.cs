// Expect: clean
// Why: Precision 21 (DangerousAddRef/DangerousRelease in the finally after the call is bookkeeping, so SafeDeleteContext.ImpersonateSecurityContext stays a begin-helper returning the status) and Precision 2/6 (SspiWrapper throws on failure; the caller reverts in finally).
using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace System.IdentityModel
{
    internal enum SecurityStatus
    {
        OK = 0x00000000, InvalidHandle = unchecked((int)0x80090301), NoImpersonation = unchecked((int)0x8009030B),
    }

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal struct SSPIHandle
    {
        private IntPtr HandleHi;
        private IntPtr HandleLo;
    }

    internal static class UnsafeNclNativeMethods
    {
        internal static class SafeNetHandles
        {
            [DllImport("security.dll", ExactSpelling = true, SetLastError = true)]
            internal static extern int ImpersonateSecurityContext(ref SSPIHandle handlePtr);

            [DllImport("security.dll", ExactSpelling = true, SetLastError = true)]
            internal static extern int RevertSecurityContext(ref SSPIHandle handlePtr);
        }
    }

    internal sealed class SafeDeleteContext : SafeHandle
    {
        internal SSPIHandle _handle;

        internal SafeDeleteContext() : base(IntPtr.Zero, true) { }

        public override bool IsInvalid => IsClosed || handle == IntPtr.Zero;

        protected override bool ReleaseHandle() => true;

        internal static int ImpersonateSecurityContext(SafeDeleteContext context)
        {
            int status = (int)SecurityStatus.InvalidHandle;
            bool b = false;
#pragma warning disable SYSLIB0004
            RuntimeHelpers.PrepareConstrainedRegions();
#pragma warning restore SYSLIB0004
            try
            {
                context.DangerousAddRef(ref b);
                status = UnsafeNclNativeMethods.SafeNetHandles.ImpersonateSecurityContext(ref context._handle);
            }
            finally
            {
                if (b)
                    context.DangerousRelease();
            }
            return status;
        }

        internal static int RevertSecurityContext(SafeDeleteContext context)
        {
            int status = (int)SecurityStatus.InvalidHandle;
            bool b = false;
            try
            {
                context.DangerousAddRef(ref b);
                status = UnsafeNclNativeMethods.SafeNetHandles.RevertSecurityContext(ref context._handle);
            }
            finally
            {
                if (b)
                    context.DangerousRelease();
            }
            return status;
        }
    }

    internal static class SspiWrapper
    {
        internal static void ImpersonateSecurityContext(SafeDeleteContext context)
        {
            int status = SafeDeleteContext.ImpersonateSecurityContext(context);
            if (status != (int)SecurityStatus.OK)
                throw new Win32Exception(status);
        }

        internal static int RevertSecurityContext(SafeDeleteContext context)
        {
            return SafeDeleteContext.RevertSecurityContext(context);
        }
    }

    internal sealed class WindowsSspiNegotiation
    {
        private readonly SafeDeleteContext securityContext;

        internal WindowsSspiNegotiation(SafeDeleteContext securityContext)
        {
            this.securityContext = securityContext;
        }

        internal WindowsIdentity GetRemoteIdentity()
        {
            SspiWrapper.ImpersonateSecurityContext(this.securityContext);
            try
            {
                return WindowsIdentity.GetCurrent(TokenAccessLevels.Query | TokenAccessLevels.Duplicate);
            }
            finally
            {
                SspiWrapper.RevertSecurityContext(this.securityContext);
            }
        }
    }
}
