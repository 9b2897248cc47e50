// Companion of Multi_PartialServerContextFactory_none: status types and the raw SSPI P/Invoke, nested in one part of the partial ServerContext.
using System;
using System.Runtime.InteropServices;

namespace NSspi.Contexts
{
    public enum SecurityStatus : uint
    {
        OK = 0,
        ContinueNeeded = 0x00090312,
        InvalidHandle = 0x80090301,
        Unsupported = 0x80090302,
        NoImpersonation = 0x8009030B,
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct RawSspiHandle
    {
        public IntPtr LowPart;
        public IntPtr HighPart;
    }

    public class SSPIException : Exception
    {
        public SSPIException(string message, SecurityStatus errorCode)
            : base(message + " (" + errorCode + ")")
        {
            ErrorCode = errorCode;
        }

        public SecurityStatus ErrorCode { get; }
    }

    public sealed partial class ServerContext
    {
        internal RawSspiHandle rawHandle;
        private bool impersonating;

        public string ContextUserName { get; internal set; } = string.Empty;

        private static class ContextNativeMethods
        {
            [DllImport("Secur32.dll", EntryPoint = "ImpersonateSecurityContext", CharSet = CharSet.Unicode)]
            internal static extern SecurityStatus ImpersonateSecurityContext_Native(ref RawSspiHandle contextHandle);

            [DllImport("Secur32.dll", EntryPoint = "RevertSecurityContext", CharSet = CharSet.Unicode)]
            internal static extern SecurityStatus RevertSecurityContext_Native(ref RawSspiHandle contextHandle);
        }
    }
}
