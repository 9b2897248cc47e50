// Expect: SSX004
// Why: Precision 3 (ownership moves only to an object whose Dispose reverts): ImpersonationLease.Dispose deletes the context but never calls RevertSecurityContext, so ImpersonateClient is no factory; it is judged itself and returns while impersonating (SSX004).
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace NSspi.Contexts
{
    public enum SecurityStatus : uint
    {
        OK = 0,
        InvalidHandle = 0x80090301,
        Unsupported = 0x80090302,
        NoImpersonation = 0x8009030B,
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct RawSspiHandle { public IntPtr LowPart; public IntPtr HighPart; }

    public class SSPIException : Exception
    {
        public SSPIException(string message, SecurityStatus status) : base(message + ": " + status) { }
    }

    internal static class ContextNativeMethods
    {
        [DllImport("Secur32.dll", EntryPoint = "ImpersonateSecurityContext")]
        internal static extern SecurityStatus ImpersonateSecurityContext(ref RawSspiHandle contextHandle);

        [DllImport("Secur32.dll", EntryPoint = "DeleteSecurityContext")]
        internal static extern SecurityStatus DeleteSecurityContext(ref RawSspiHandle contextHandle);
    }

    public sealed class ServerContext
    {
        internal RawSspiHandle rawHandle;
        internal bool Released;

        /// <summary>Impersonates the client; dispose the lease when done with the client.</summary>
        public ImpersonationLease ImpersonateClient()
        {
            SecurityStatus status = {|SSX004:ContextNativeMethods.ImpersonateSecurityContext(ref this.rawHandle)|};
            if (status != SecurityStatus.OK)
                throw new SSPIException("Failed to impersonate the client", status);

            return new ImpersonationLease(this);
        }
    }

    /// <summary>Ends the client session (but not the thread's impersonation).</summary>
    public sealed class ImpersonationLease : IDisposable
    {
        private readonly ServerContext _server;

        internal ImpersonationLease(ServerContext server) { _server = server; }

        public void Dispose()
        {
            if (_server.Released)
                return;
            ContextNativeMethods.DeleteSecurityContext(ref _server.rawHandle);
            _server.Released = true;
        }
    }
}

namespace NSspi.Demo
{
    using NSspi.Contexts;

    public static class OneShotFileServer
    {
        public static byte[] ServeOnce(ServerContext server, string path)
        {
            using (server.ImpersonateClient())
            {
                return File.ReadAllBytes(path);
            }
        }
    }
}
