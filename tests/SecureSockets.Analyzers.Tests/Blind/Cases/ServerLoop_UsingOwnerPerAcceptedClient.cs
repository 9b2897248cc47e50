// Expect: SSX016
// Why: Precision 3 and 19: each accepted Socket's `.Handle` is handed to a factory that throws on failure and returns an owner whose Dispose reverts; the `using` covers the work, and a failure is caught and the loop moves on to the next client. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Fabrikam.License.Server
{
    internal sealed class PeerImpersonation : IDisposable
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        private static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        private static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        private static extern int WSAGetLastError();

        private PeerImpersonation() { }

        public static PeerImpersonation Begin(IntPtr socket)
        {
            if (WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0) != 0)
                throw new SocketException(WSAGetLastError());
            return new PeerImpersonation();
        }

        public void Dispose() => {|SSX016:WSARevertImpersonation()|};
    }

    public sealed class LicenseServer
    {
        private readonly string _licenseRoot;

        public LicenseServer(string licenseRoot) => _licenseRoot = licenseRoot;

        public void Run(TcpListener listener, Func<bool> running)
        {
            listener.Start();
            while (running())
            {
                Socket client = listener.AcceptSocket();
                try
                {
                    if (client.RemoteEndPoint is IPEndPoint remote && IPAddress.IsLoopback(remote.Address))
                        continue;

                    string license;
                    using (PeerImpersonation.Begin(client.Handle))
                    {
                        license = File.ReadAllText(Path.Combine(_licenseRoot, Environment.UserName + ".lic"));
                    }
                    client.Send(Encoding.UTF8.GetBytes(license));
                }
                catch (SocketException ex)
                {
                    Console.Error.WriteLine("License request rejected: " + ex.SocketErrorCode);
                }
                finally
                {
                    client.Dispose();
                }
            }
        }
    }
}
