// Expect: SSX010, SSX016
// Why: SSX010 "by new System.Net.Sockets.Socket(...) (.NET always creates overlapped sockets)" + "accepted from a listening socket that is overlapped": `peer` is an alias of the accepted Socket (precision 14, and `.Handle` is the same socket), so the impersonation is reported; `Blocking = true` does not remove the overlapped attribute. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Principal;
using System.Threading;

namespace WideWorldImporters.Customs.DocumentIntake
{
    internal static class Fwp
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSAImpersonateSocketPeer(IntPtr s, IntPtr peerAddr, uint peerAddrLen);

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public interface IDeclarationArchive
    {
        void Store(string submitter, Socket connection);
    }

    public sealed class IntakeListener
    {
        private readonly IDeclarationArchive _archive;

        public IntakeListener(IDeclarationArchive archive) => _archive = archive;

        public void Run(int port, CancellationToken token)
        {
            using var listener = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            listener.DualMode = true;
            if (Fwp.WSASetSocketSecurity(listener.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new SocketException(Fwp.WSAGetLastError());

            listener.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            listener.Listen(32);

            while (!token.IsCancellationRequested)
            {
                using Socket accepted = listener.Accept();
                accepted.Blocking = true; // WSAImpersonateSocketPeer wants a blocking socket
                Socket peer = accepted;

                if ({|SSX010:Fwp.WSAImpersonateSocketPeer(peer.Handle, IntPtr.Zero, 0)|} != 0)
                {
                    Console.Error.WriteLine($"Rejected unauthenticated submitter {accepted.RemoteEndPoint}");
                    continue;
                }

                string submitter;
                try
                {
                    using (WindowsIdentity identity = WindowsIdentity.GetCurrent())
                    {
                        submitter = identity.Name;
                    }
                }
                finally
                {
                    {|SSX016:Fwp.WSARevertImpersonation()|};
                }

                _archive.Store(submitter, accepted);
            }
        }
    }
}
