// Expect: none
// Why: SSX004/SSX005/SSX016 silent on correct code reached from collection initializers and a LINQ lambda: AccessProbe.CanWrite (part2) starts impersonation through a two-level begin-helper (SessionSecurity.BeginImpersonation -> ImpersonateCore -> the renamed P/Invoke of part1, EntryPoint "ImpersonateSecurityContext", module "security.dll" from a constant; precision 1 and 2), returns false when the status shows failure (leaving the region handles it, C-SSPI-5), and reverts in a `finally` that covers the probe (C-SSPI-3) through EndImpersonation, which throws when RevertSecurityContext fails (precision 20; SSX016 silent). The callers in this file only use CanWrite's bool result inside collection initializers and a Select lambda (its own flow, precision 13): nothing to report anywhere.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace AdventureWorks.FileServices.Audit
{
    public sealed record ShareAccess(string Share, bool Writable);

    public sealed class ShareAuditReport
    {
        public Dictionary<string, bool> ForHomeAndPublic(ClientSession session, string homeRoot, string publicRoot)
        {
            return new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase)
            {
                { "home", AccessProbe.CanWrite(session, Path.Combine(homeRoot, session.Account)) },
                { "public", AccessProbe.CanWrite(session, publicRoot) },
            };
        }

        public List<ShareAccess> ForShares(ClientSession session, string scratchRoot, IReadOnlyDictionary<string, string> shares)
        {
            var result = new List<ShareAccess>
            {
                new ShareAccess("IPC$", false),
                new ShareAccess("Scratch", AccessProbe.CanWrite(session, scratchRoot)),
            };

            result.AddRange(shares
                .OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
                .Select(pair => new ShareAccess(pair.Key, AccessProbe.CanWrite(session, pair.Value))));

            return result;
        }
    }
}
