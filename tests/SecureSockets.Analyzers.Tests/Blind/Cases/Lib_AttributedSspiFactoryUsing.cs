// Expect: SSX016
// Why: Contracts across assemblies: `[BeginsImpersonation(SecurityContext)]` returning an IDisposable owner throws on failure and the owner's disposal reverts; both `using (…)` and `using var` (Precision 19) cover the work. SSX016 (added with that rule): a revert whose result is discarded, in the referenced library (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Linq;
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

        public string[] ListReports(NegotiateServerContext client, string folder)
        {
            string path = Path.Combine(_root, folder);
            using (client.ImpersonateClient())
            {
                if (!Directory.Exists(path))
                    return Array.Empty<string>();

                return Directory.EnumerateFiles(path, "*.rdl")
                    .Select(Path.GetFileNameWithoutExtension)
                    .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                    .ToArray();
            }
        }

        public void SaveReport(NegotiateServerContext client, string folder, string name, string definition)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException("A report needs a name.", nameof(name));

            using var impersonation = client.ImpersonateClient();
            string path = Path.Combine(_root, folder, name + ".rdl");
            File.WriteAllText(path, definition);
        }
    }
}
