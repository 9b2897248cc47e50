// Expect: clean
// Why: Precision 18 (NoImpersonation / Unsupported / != OK chain is a complete test), 21 (DangerousRelease and the impersonating flag are bookkeeping) and 3/19 (ImpersonateClient is a factory returning an owner whose Dispose reverts, 3 calls deep, taken by using).
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace NSspi
{
    public enum SecurityStatus : uint
    {
        OK = 0x00000000, InvalidHandle = 0x80090301, Unsupported = 0x80090302,
        InternalError = 0x80090304, NoImpersonation = 0x8009030B,
    }

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    public struct RawSspiHandle { private IntPtr lowPart; private IntPtr highPart; }

    public class SSPIException : Exception { public SSPIException(string message, SecurityStatus errorCode) : base(message + " (" + errorCode + ")") { } }

    public sealed class SafeContextHandle : SafeHandle
    {
        internal RawSspiHandle rawHandle;
        public SafeContextHandle() : base(IntPtr.Zero, true) { }
        public override bool IsInvalid => IsClosed;
        protected override bool ReleaseHandle() => true;
    }

    internal static class ContextNativeMethods
    {
        [DllImport("Secur32.dll", EntryPoint = "ImpersonateSecurityContext", CharSet = CharSet.Unicode)]
        internal static extern SecurityStatus ImpersonateSecurityContext(ref RawSspiHandle contextHandle);

        [DllImport("Secur32.dll", EntryPoint = "RevertSecurityContext", CharSet = CharSet.Unicode)]
        internal static extern SecurityStatus RevertSecurityContext(ref RawSspiHandle contextHandle);
    }

    public class ServerContext
    {
        private bool impersonating;

        public SafeContextHandle ContextHandle { get; private set; } = new SafeContextHandle();
        public bool Disposed { get; private set; }

        public ImpersonationHandle ImpersonateClient()
        {
            ImpersonationHandle handle;
            SecurityStatus status = SecurityStatus.InternalError;
            bool gotRef = false;
            if (this.Disposed) throw new ObjectDisposedException("ServerContext");
            if (this.impersonating) throw new InvalidOperationException("Cannot impersonate again while already impersonating.");

            handle = new ImpersonationHandle(this);

            try { this.ContextHandle.DangerousAddRef(ref gotRef); }
            catch (Exception) { if (gotRef) { this.ContextHandle.DangerousRelease(); gotRef = false; } throw; }
            finally
            {
                if (gotRef)
                {
                    status = ContextNativeMethods.ImpersonateSecurityContext(ref this.ContextHandle.rawHandle);
                    this.ContextHandle.DangerousRelease();
                    this.impersonating = status == SecurityStatus.OK;
                }
            }

            if (status == SecurityStatus.NoImpersonation)
                throw new SSPIException("Impersonation could not be performed.", status);
            else if (status == SecurityStatus.Unsupported)
                throw new SSPIException("Impersonation is not supported by the security context's Security Support Provider.", status);
            else if (status != SecurityStatus.OK)
                throw new SSPIException("Failed to impersonate the client", status);

            return handle;
        }

        internal void RevertImpersonation()
        {
            bool gotRef = false;
            if (this.impersonating == false || this.Disposed) return;
            try { this.ContextHandle.DangerousAddRef(ref gotRef); }
            finally
            {
                if (gotRef)
                {
                    ContextNativeMethods.RevertSecurityContext(ref this.ContextHandle.rawHandle);
                    this.ContextHandle.DangerousRelease();
                    this.impersonating = false;
                }
            }
        }
    }

    public class ImpersonationHandle : IDisposable
    {
        private readonly ServerContext server;
        private bool disposed;
        internal ImpersonationHandle(ServerContext server) { this.server = server; }

        public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing && this.disposed == false && this.server != null && this.server.Disposed == false)
            {
                this.server.RevertImpersonation();
            }
            this.disposed = true;
        }
    }
}

namespace FileShareService
{
    public static class AuthenticatedFileReader
    {
        public static byte[] ReadAsClient(NSspi.ServerContext server, string path)
        {
            using (server.ImpersonateClient())
            {
                return File.ReadAllBytes(path);
            }
        }
    }
}
