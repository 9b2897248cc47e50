// Expect: SSX003, SSX016
// Why: Precision 3 ("created before and is disposed by a using/finally that covers the work") read the other way: the armed guard is disposed only in straight-line code, so an exception from Directory.GetFiles leaves the method impersonating the peer. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Adatum.Deploy.Agent
{
    internal static class Fwpuclnt
    {
        [DllImport("FWPUCLNT.DLL", SetLastError = true)]
        internal static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, uint peerAddrLen);

        [DllImport("FWPUCLNT.DLL", SetLastError = true)]
        internal static extern int WSARevertImpersonation();

        [DllImport("WS2_32.DLL")]
        internal static extern int WSAGetLastError();
    }

    internal struct PeerRevertGuard : IDisposable
    {
        public bool Armed;

        public void Dispose()
        {
            if (Armed)
            {
                Armed = false;
                {|SSX016:Fwpuclnt.WSARevertImpersonation()|};
            }
        }
    }

    public sealed class PackageCatalog
    {
        private readonly string _packageStore;

        public PackageCatalog(string packageStore) => _packageStore = packageStore;

        public string[] ListPackages(IntPtr connection, string channel)
        {
            var guard = new PeerRevertGuard();
            if ({|SSX003:Fwpuclnt.WSAImpersonateSocketPeer(connection, IntPtr.Zero, 0)|} != 0)
                throw new SocketException(Fwpuclnt.WSAGetLastError());
            guard.Armed = true;

            string[] packages = Directory.GetFiles(Path.Combine(_packageStore, channel), "*.zip");
            guard.Dispose();

            Array.Sort(packages, StringComparer.OrdinalIgnoreCase);
            return packages;
        }
    }
}
