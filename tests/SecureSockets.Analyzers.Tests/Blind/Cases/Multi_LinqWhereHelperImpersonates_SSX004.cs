// Expect: SSX004
// Why: Precision 2 ("a method that does anything after success is judged itself") and SSX004 ("when, on some path on which it succeeded, the method can end ... by an exception from any operation that may throw while impersonating — without the matching revert. A revert only in the straight-line code after the work is not enough"; C-SSPI-3): the LINQ `where` clause of this file calls ClientAccess.CanRead (part2), which impersonates through the renamed sspicli P/Invoke (part1, EntryPoint "ImpersonateSecurityContext"; precision 1), returns false on failure (SSX005 silent), then calls File.GetAttributes and TryOpen and reverts only in straight-line code after them. Reported in part2 at the impersonate call; the lambda of the query is its own flow and holds no finding (precision 13, 22). The revert helper fails fast when RevertSecurityContext fails (SSX016 silent).
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Tailspin.Share.Browser.Interop;

namespace Tailspin.Share.Browser
{
    public sealed class ShareListingService
    {
        private readonly string _shareRoot;

        public ShareListingService(string shareRoot)
        {
            _shareRoot = shareRoot;
        }

        public IReadOnlyList<string> ListReadableFiles(AcceptedClient client, string folder)
        {
            string directory = Path.Combine(_shareRoot, folder);

            var readable =
                from path in Directory.EnumerateFiles(directory)
                where ClientAccess.CanRead(client, path)
                let name = Path.GetFileName(path)
                orderby name
                select name;

            return readable.ToList();
        }
    }
}
