// Expect: SSX003, SSX016
// Why: Precision 4 ("other conditions are independent"): the begin runs under the request's flag but the finally reverts under a property of a field, so on some path the impersonation succeeds and the method ends without WSARevertImpersonation (SSX003). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RemoteAdmin.Agent
{
    internal static class WinsockSecure
    {
        internal const int SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, uint peerAddrLen);

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSARevertImpersonation();
    }

    public sealed class AgentOptions
    {
        public bool ImpersonateClients { get; set; } = true;
    }

    public sealed class AgentRequest
    {
        public string Verb { get; set; }
        public bool RequiresClientIdentity { get; set; }
    }

    public interface ICommandDispatcher
    {
        byte[] Execute(AgentRequest request);
    }

    public sealed class RequestProcessor
    {
        private readonly AgentOptions _options;
        private readonly ICommandDispatcher _dispatcher;

        public RequestProcessor(AgentOptions options, ICommandDispatcher dispatcher)
        {
            _options = options;
            _dispatcher = dispatcher;
        }

        public byte[] Process(IntPtr clientSocket, AgentRequest request)
        {
            bool needsIdentity = request.RequiresClientIdentity;
            if (needsIdentity)
            {
                if ({|SSX003:WinsockSecure.WSAImpersonateSocketPeer(clientSocket, IntPtr.Zero, 0)|} == WinsockSecure.SOCKET_ERROR)
                    throw new SocketException(WinsockSecure.WSAGetLastError());
            }

            try
            {
                return _dispatcher.Execute(request);
            }
            finally
            {
                // Bug: keyed on the global option, not on whether this request impersonated.
                if (_options.ImpersonateClients)
                    {|SSX016:WinsockSecure.WSARevertImpersonation()|};
            }
        }
    }
}
