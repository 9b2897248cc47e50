// Expect: none
// Why: Precision 3 ("a same-compilation factory that begins impersonation and returns such an owner is summarized: its call is an impersonate event whose revert is that owner's Dispose"; "an owner whose Dispose reverts only while its own 'active' flag is set still counts") across a partial class split over three files: ServerContext.ImpersonateClient (this file) calls the renamed P/Invoke declared in part1 (`ImpersonateSecurityContext_Native`, EntryPoint "ImpersonateSecurityContext"; precision 1), tests every failure with a chain of partial tests ending in `!= OK` (precision 18) and throws, stores its flag (bookkeeping) and hands off to ImpersonationHandle (part2), whose Dispose reverts through ServerContext.RevertImpersonation (part2) and throws when RevertSecurityContext fails (SSX016 silent, precision 20). The callers cover the work with a `using` statement and a `using` declaration (precision 19): SSX004/SSX005 silent (C-SSPI-3, C-SSPI-5).
using System;
using System.IO;
using NSspi.Contexts;

namespace NSspi.Contexts
{
    public sealed partial class ServerContext
    {
        /// <summary>Impersonates the client on the calling thread until the returned handle is disposed.</summary>
        public ImpersonationHandle ImpersonateClient()
        {
            if (impersonating)
                throw new InvalidOperationException("Cannot impersonate again while already impersonating.");

            SecurityStatus status = ContextNativeMethods.ImpersonateSecurityContext_Native(ref rawHandle);
            if (status == SecurityStatus.NoImpersonation)
                throw new SSPIException("Impersonation could not be performed.", status);
            else if (status == SecurityStatus.Unsupported)
                throw new SSPIException("Impersonation is not supported by the security context's package.", status);
            else if (status != SecurityStatus.OK)
                throw new SSPIException("Failed to impersonate the client", status);

            impersonating = true;
            return new ImpersonationHandle(this);
        }
    }
}

namespace Contoso.FileRelay.Server
{
    public sealed class ProtectedFileServer
    {
        private readonly string root;

        public ProtectedFileServer(string root)
        {
            this.root = root;
        }

        public void HandleRead(ServerContext client, BinaryReader reader, BinaryWriter writer)
        {
            string relative = reader.ReadString();
            string path = Path.Combine(root, Path.GetFileName(relative));

            using (client.ImpersonateClient())
            {
                byte[] data = File.ReadAllBytes(path);
                writer.Write(data.Length);
                writer.Write(data);
            }
        }

        public long MeasureShare(ServerContext client, string share)
        {
            using ImpersonationHandle handle = client.ImpersonateClient();

            long total = 0;
            foreach (FileInfo file in new DirectoryInfo(Path.Combine(root, share)).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                total += file.Length;
            }

            return total;
        }
    }
}
