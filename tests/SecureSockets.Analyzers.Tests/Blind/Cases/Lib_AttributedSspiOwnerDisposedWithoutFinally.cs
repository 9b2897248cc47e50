// Expect: SSX004, SSX016
// Why: Contracts across assemblies + SSX004: the attributed begin's owner is disposed only in straight-line code after the work, so an exception from the file I/O leaves the thread impersonated. SSX016 (added with that rule): a revert whose result is discarded, in the referenced library (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using Contoso.Security.Negotiate;

namespace Contoso.Reporting.Web
{
    public sealed class ReportFolderService
    {
        private readonly string _root;

        public ReportFolderService(string root)
        {
            _root = root;
        }

        public long ArchiveReport(NegotiateServerContext client, string folder, string name)
        {
            string source = Path.Combine(_root, folder, name + ".rdl");
            string archive = Path.Combine(_root, "_archive", folder);

            IDisposable impersonation = {|SSX004:client.ImpersonateClient()|};
            Directory.CreateDirectory(archive);
            string target = Path.Combine(archive, name + "." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + ".rdl");
            File.Move(source, target);
            long size = new FileInfo(target).Length;
            impersonation.Dispose();

            return size;
        }
    }
}
