// Expect: SSX016
// Why: Precision 19 and SSX008: the `using var` owner from the same-compilation factory is scoped to each loop turn (disposed at the end of the body and on `continue`), so every `await` runs after the revert. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Contoso.Sharepoint.Migration
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    public sealed class ClientScope : IDisposable
    {
        [DllImport("secur32.dll")]
        private static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        private static extern int RevertSecurityContext(ref SecHandle phContext);

        private SecHandle _context;

        private ClientScope(SecHandle context) => _context = context;

        public static ClientScope Enter(SecHandle context)
        {
            int status = ImpersonateSecurityContext(ref context);
            if (status != 0)
                throw new Win32Exception(status);
            return new ClientScope(context);
        }

        public void Dispose() => {|SSX016:RevertSecurityContext(ref _context)|};
    }

    public sealed class MigrationPlanner
    {
        public async Task<int> PlanAsync(SecHandle client, IEnumerable<string> sourceFiles, TextWriter plan)
        {
            await plan.WriteLineAsync("# migration plan " + DateTime.UtcNow.ToString("u"));

            var readable = new List<string>();
            foreach (string file in sourceFiles)
            {
                using var scope = ClientScope.Enter(client);
                if (!File.Exists(file))
                    continue;
                readable.Add(file);
            }

            foreach (string file in readable)
                await plan.WriteLineAsync("copy " + file);
            return readable.Count;
        }
    }
}
