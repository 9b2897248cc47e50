// Expect: SSX016
// Why: Precision 3 and 19 with summaries (at most 3 calls deep): the factory reaches ImpersonateSecurityContext through a throwing helper two calls down, returns a class owner whose explicit Dispose reverts through a helper, and the caller's `using var` covers the loop. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace Woodgrove.Archive.Indexer
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SecHandle
    {
        public IntPtr dwLower;
        public IntPtr dwUpper;
    }

    internal static class Native
    {
        [DllImport("secur32.dll")]
        internal static extern int ImpersonateSecurityContext(ref SecHandle phContext);

        [DllImport("secur32.dll")]
        internal static extern int RevertSecurityContext(ref SecHandle phContext);
    }

    internal static class SspiCalls
    {
        internal static void ImpersonateOrThrow(ref SecHandle context)
        {
            int status = Native.ImpersonateSecurityContext(ref context);
            ThrowOnFailure(status, nameof(Native.ImpersonateSecurityContext));
        }

        internal static void Revert(ref SecHandle context) => {|SSX016:Native.RevertSecurityContext(ref context)|};

        private static void ThrowOnFailure(int status, string function)
        {
            if (status != 0)
                throw new Win32Exception(status, function + " failed");
        }
    }

    public sealed class ImpersonatedClient : IDisposable
    {
        private SecHandle _context;

        private ImpersonatedClient(SecHandle context) => _context = context;

        public static ImpersonatedClient Start(SecHandle context)
        {
            SspiCalls.ImpersonateOrThrow(ref context);
            return new ImpersonatedClient(context);
        }

        void IDisposable.Dispose() => SspiCalls.Revert(ref _context);
    }

    public sealed class ArchiveIndexer
    {
        public List<string> ListVisibleArchives(SecHandle client, string root, int limit)
        {
            var visible = new List<string>();
            using var impersonation = ImpersonatedClient.Start(client);
            foreach (string file in Directory.EnumerateFiles(root, "*.zip", SearchOption.AllDirectories))
            {
                if (visible.Count == limit)
                    break;
                if (new FileInfo(file).Length == 0)
                    continue;
                visible.Add(file);
            }
            return visible;
        }
    }
}
