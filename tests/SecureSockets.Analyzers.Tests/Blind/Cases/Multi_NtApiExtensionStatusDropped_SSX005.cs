// Expect: SSX005
// Why: Precision 2 ("a call to it is an impersonate event at the call site, judged there") and SSX005 ("reported ... when its result is discarded"; C-SSPI-5, C-ALL-2): the extension method BeginImpersonation (part2) only returns the status of the renamed ImpersonateSecurityContext (part1, EntryPoint "ImpersonateSecurityContext"), so it is a begin-helper; Download drops that status and reads the file as whoever the thread is. The revert is in a `finally` that covers the work (SSX004 silent) and EndImpersonation throws when RevertSecurityContext fails (SSX016 silent). Upload is the correct form: `.CheckResult()` is a same-compilation helper that throws on failure because its `throw_on_error` default is true (precision 6, 11): silent.
using System;
using System.IO;
using NtApiDotNet.Win32.Security.Authentication;

namespace Northwind.Documents.Gateway
{
    public sealed class DocumentGateway
    {
        private readonly string _root;

        public DocumentGateway(string root)
        {
            _root = root;
        }

        public byte[] Download(ServerAuthenticationContext client, string relativePath)
        {
            string path = Path.Combine(_root, relativePath);

            {|SSX005:client.BeginImpersonation()|};
            try
            {
                return File.ReadAllBytes(path);
            }
            finally
            {
                client.EndImpersonation();
            }
        }

        public void Upload(ServerAuthenticationContext client, string relativePath, byte[] content)
        {
            string path = Path.Combine(_root, relativePath);

            client.BeginImpersonation().CheckResult();
            try
            {
                File.WriteAllBytes(path, content);
            }
            finally
            {
                client.EndImpersonation();
            }
        }
    }
}
