// Expect: SSX016
// Why: SSX016 / C-SSPI-3, C-ALL-2 ("Reported at RevertSecurityContext … whose result is discarded"): the owner's Dispose reaches ServerContext.RevertImpersonation, which calls RevertSecurityContext as an expression statement; the ownership transfer (Precision 3/19) keeps SSX004 silent, but the dropped revert status is reported at the invocation.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Northwind.Sspi
{
    public enum SecurityStatus : uint
    {
        OK = 0x00000000,
        ContinueNeeded = 0x00090312,
        InvalidHandle = 0x80090301,
        NoImpersonation = 0x8009030B,
    }

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    public struct RawSspiHandle { public IntPtr LowPart; public IntPtr HighPart; }

    public sealed class SspiException : Exception
    {
        public SspiException(string message, SecurityStatus status) : base(message + " (" + status + ")") { }
    }

    internal static class ContextNativeMethods
    {
        [DllImport("Secur32.dll", EntryPoint = "ImpersonateSecurityContext")]
        internal static extern SecurityStatus ImpersonateSecurityContext(ref RawSspiHandle contextHandle);

        [DllImport("Secur32.dll", EntryPoint = "RevertSecurityContext")]
        internal static extern SecurityStatus RevertSecurityContext(ref RawSspiHandle contextHandle);
    }

    public class ServerContext
    {
        internal RawSspiHandle ContextHandle;

        public ServerContext(RawSspiHandle acceptedContext) => ContextHandle = acceptedContext;

        public ImpersonationHandle ImpersonateClient()
        {
            SecurityStatus status = ContextNativeMethods.ImpersonateSecurityContext(ref ContextHandle);
            if (status != SecurityStatus.OK)
                throw new SspiException("Failed to impersonate the client", status);

            return new ImpersonationHandle(this);
        }

        internal void RevertImpersonation()
        {
            {|SSX016:ContextNativeMethods.RevertSecurityContext(ref ContextHandle)|};
        }
    }

    public sealed class ImpersonationHandle : IDisposable
    {
        private readonly ServerContext _server;
        private bool _disposed;

        internal ImpersonationHandle(ServerContext server) => _server = server;

        public void Dispose()
        {
            if (!_disposed)
            {
                _server.RevertImpersonation();
                _disposed = true;
            }
        }
    }
}

namespace Northwind.HomeDrives
{
    using Northwind.Sspi;

    public static class HomeDriveService
    {
        public static string[] ListAsClient(ServerContext client, string homeDirectory)
        {
            using (client.ImpersonateClient())
            {
                return Directory.GetFiles(homeDirectory);
            }
        }
    }
}
