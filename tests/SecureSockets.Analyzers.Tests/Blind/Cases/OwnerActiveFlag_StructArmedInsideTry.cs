// Expect: SSX016
// Why: Precision 3 ("when it was created before and is disposed by a using/finally that covers the work"; Dispose reverting only while armed still counts): the struct guard exists before the impersonation and its Dispose runs in the finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.AccessControl;
using System.IO;

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

    public sealed class PackageInstaller
    {
        private readonly string _packageStore;

        public PackageInstaller(string packageStore) => _packageStore = packageStore;

        public FileSecurity InspectPackage(IntPtr connection, string packageName)
        {
            var guard = new PeerRevertGuard();
            try
            {
                if (Fwpuclnt.WSAImpersonateSocketPeer(connection, IntPtr.Zero, 0) != 0)
                    throw new SocketException(Fwpuclnt.WSAGetLastError());
                guard.Armed = true;

                var info = new FileInfo(Path.Combine(_packageStore, packageName + ".zip"));
                return info.GetAccessControl();
            }
            finally
            {
                guard.Dispose();
            }
        }
    }
}
