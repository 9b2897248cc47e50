// Expect: clean
// Why: Precision 4 (`if (impersonate) Begin…; try { … } finally { if (impersonate) End…(); }` with an unchanged bool local is correlated) plus Precision 2 (BeginPeerImpersonation throws on failure) and 20 (the revert helper fails fast on a failed revert but reverts).
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

        [DllImport("FWPUCLNT.DLL")]
        internal static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, uint peerAddrLen);

        [DllImport("FWPUCLNT.DLL")]
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

        private static void BeginPeerImpersonation(IntPtr socket)
        {
            if (WinsockSecure.WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0) == WinsockSecure.SOCKET_ERROR)
            {
                throw new SocketException(WinsockSecure.WSAGetLastError());
            }
        }

        private static void EndPeerImpersonation()
        {
            if (WinsockSecure.WSARevertImpersonation() == WinsockSecure.SOCKET_ERROR)
            {
                Environment.FailFast("WSARevertImpersonation failed; the thread would keep running as the peer.");
            }
        }

        public byte[] Process(IntPtr clientSocket, AgentRequest request)
        {
            if (request == null)
                throw new ArgumentNullException(nameof(request));

            bool impersonate = _options.ImpersonateClients && request.RequiresClientIdentity;
            if (impersonate)
                BeginPeerImpersonation(clientSocket);

            try
            {
                return _dispatcher.Execute(request);
            }
            finally
            {
                if (impersonate)
                    EndPeerImpersonation();
            }
        }
    }
}
