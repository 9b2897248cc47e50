// Expect: SSX016
// Why: Precision 3 ("created … right after success" / "disposed by a using/finally that covers the work") with explicit `handle.Dispose()` and `handle?.Dispose()` in finally blocks instead of `using`. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
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

    internal static class ContextNativeMethods
    {
        [DllImport("secur32", EntryPoint = "ImpersonateSecurityContext")]
        internal static extern SecurityStatus ImpersonateSecurityContext(ref RawSspiHandle contextHandle);

        [DllImport("secur32", EntryPoint = "RevertSecurityContext")]
        internal static extern SecurityStatus RevertSecurityContext(ref RawSspiHandle contextHandle);
    }

    public sealed class ServerContext
    {
        internal RawSspiHandle rawHandle;
        private bool impersonating;

        public ImpersonationHandle ImpersonateClient()
        {
            if (impersonating) throw new InvalidOperationException("Already impersonating");

            SecurityStatus status = ContextNativeMethods.ImpersonateSecurityContext(ref rawHandle);
            if (status != SecurityStatus.OK)
                throw new InvalidOperationException("Failed to impersonate the client: " + status);

            impersonating = true;
            return new ImpersonationHandle(this);
        }

        internal void RevertImpersonation()
        {
            if (!impersonating) return;
            {|SSX016:ContextNativeMethods.RevertSecurityContext(ref rawHandle)|};
            impersonating = false;
        }
    }

    public sealed class ImpersonationHandle : IDisposable
    {
        private readonly ServerContext server;
        private bool disposed;

        internal ImpersonationHandle(ServerContext server) { this.server = server; }

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            server.RevertImpersonation();
        }
    }
}

namespace NSspi.Demo
{
    using NSspi.Contexts;

    public sealed class ProfileStore
    {
        private readonly string _profiles;

        public ProfileStore(string profiles) { _profiles = profiles; }

        public string LoadProfile(ServerContext server, string user)
        {
            ImpersonationHandle handle = server.ImpersonateClient();
            try
            {
                string path = Path.Combine(_profiles, user + ".json");
                return File.Exists(path) ? File.ReadAllText(path) : "{}";
            }
            finally
            {
                handle.Dispose();
            }
        }

        public void SaveProfile(ServerContext server, string user, string json, bool asClient)
        {
            ImpersonationHandle handle = null;
            try
            {
                if (asClient)
                    handle = server.ImpersonateClient();
                File.WriteAllText(Path.Combine(_profiles, user + ".json"), json);
            }
            finally
            {
                handle?.Dispose();
            }
        }
    }
}
