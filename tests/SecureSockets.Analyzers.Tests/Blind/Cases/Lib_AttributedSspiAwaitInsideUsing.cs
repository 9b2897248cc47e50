// Expect: SSX008, SSX016
// Why: SSX008 / C-ALL-1: the await runs while the attributed begin's owner is still undisposed (SSPI impersonation active); the continuation may resume on another thread. SSX016 (added with that rule): a revert whose result is discarded, in the referenced library (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Security.Negotiate;

namespace Contoso.Reporting.Web
{
    public sealed class ReportDownloadHandler
    {
        private readonly string _root;

        public ReportDownloadHandler(string root)
        {
            _root = root;
        }

        public async Task<byte[]> DownloadAsync(NegotiateServerContext client, string relativePath, CancellationToken cancellationToken)
        {
            string path = Path.Combine(_root, relativePath);
            using (client.ImpersonateClient())
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true))
                {
                    var buffer = new byte[stream.Length];
                    int read = 0;
                    while (read < buffer.Length)
                    {
                        int n = {|SSX008:await|} stream.ReadAsync(buffer, read, buffer.Length - read, cancellationToken);
                        if (n == 0)
                            break;
                        read += n;
                    }
                    return buffer;
                }
            }
        }
    }
}
