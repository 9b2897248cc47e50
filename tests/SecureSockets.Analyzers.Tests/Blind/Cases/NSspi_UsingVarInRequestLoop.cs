// Expect: SSX016
// Why: Precision 19 (an owner taken by a `using var` declaration is disposed at the end of its scope, here each loop turn, on continue and on return) with the factory of Precision 3. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

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

    public sealed class ProtectedCommandServer
    {
        private readonly Dictionary<string, string> roots = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public void Serve(ServerContext server, BinaryReader reader, BinaryWriter writer)
        {
            while (true)
            {
                string command = reader.ReadString();
                if (command == "QUIT")
                    return;

                using var impersonation = server.ImpersonateClient();

                if (!roots.TryGetValue(command, out string directory))
                {
                    writer.Write("ERR unknown share");
                    continue;
                }

                var listing = new StringBuilder();
                foreach (string file in Directory.EnumerateFiles(directory))
                {
                    listing.AppendLine(Path.GetFileName(file));
                }

                writer.Write(listing.ToString());
            }
        }
    }
}
