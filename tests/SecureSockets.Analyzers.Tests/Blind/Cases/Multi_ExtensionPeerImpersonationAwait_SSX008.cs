// Expect: SSX008
// Why: SSX008 ("reported at an `await` ... reached while a thread impersonation (either kind) is active on some path"; C-ALL-1; precision 17: at the `await` keyword): `connection.ImpersonatePeer()` is an extension-method begin-helper (part2) around the renamed WSAImpersonateSocketPeer (part1, EntryPoint "WSAImpersonateSocketPeer"; precision 1) that throws on failure, so its call is a peer impersonation event here (precision 2); the copy to the drop folder is awaited inside the impersonated `try`. The first await runs before impersonating (silent). The revert is in the `finally` (SSX003 silent) and the revert helper fails fast on failure (SSX016 silent). `connection` is a Socket parameter of unknown provenance: SSX010/SSX011 stay silent (precision 8).
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Contoso.Scanning.Intake
{
    public sealed class ScanIntakeHandler
    {
        private readonly string _dropFolder;

        public ScanIntakeHandler(string dropFolder)
        {
            _dropFolder = dropFolder;
        }

        public async Task ReceiveAsync(Socket connection, CancellationToken cancellationToken)
        {
            using var network = new NetworkStream(connection, ownsSocket: false);

            var header = new byte[260];
            int read = await network.ReadAsync(header, 0, header.Length, cancellationToken);
            string fileName = Path.GetFileName(Encoding.UTF8.GetString(header, 0, read).TrimEnd('\0', '\r', '\n'));

            // Write the scan with the sender's rights so the share's ACLs apply to it.
            connection.ImpersonatePeer();
            try
            {
                using var target = new FileStream(Path.Combine(_dropFolder, fileName), FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                {|SSX008:await|} network.CopyToAsync(target, cancellationToken);
            }
            finally
            {
                connection.RevertPeer();
            }
        }
    }
}
