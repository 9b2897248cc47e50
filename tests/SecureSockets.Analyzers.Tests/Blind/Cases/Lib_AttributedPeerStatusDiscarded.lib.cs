// BlindLib: a shared "secure sockets" helper library, annotated with the SecureSockets contract attributes.
using System;
using System.Runtime.InteropServices;
using SecureSockets.Contracts;

namespace SecureSockets.Contracts
{
    // Declared here, internal: the analyzer matches these by full name, no package dependency.

    public enum ImpersonationKind
    {
        Peer = 0,
        SecurityContext = 1,
    }

    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class BeginsImpersonationAttribute : Attribute
    {
        public BeginsImpersonationAttribute(ImpersonationKind kind) { Kind = kind; }
        public ImpersonationKind Kind { get; }
    }

    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class ImpersonatesSocketPeerAttribute : Attribute
    {
        public ImpersonatesSocketPeerAttribute(string parameterName) { ParameterName = parameterName; }
        public string ParameterName { get; }
    }

    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class RevertsImpersonationAttribute : Attribute { }
}

namespace Contoso.Net.SecureSockets
{
    public static class PeerAuthorization
    {
        public const int SOCKET_ERROR = -1;

        [DllImport("fwpuclnt.dll")]
        private static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, uint peerAddrLen);

        [DllImport("fwpuclnt.dll")]
        private static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();

        /// <summary>Impersonates the peer of a connected (accepted) socket. Returns 0 or SOCKET_ERROR.</summary>
        [BeginsImpersonation(ImpersonationKind.Peer)]
        [ImpersonatesSocketPeer("socket")]
        public static int ImpersonatePeer(IntPtr socket)
        {
            return WSAImpersonateSocketPeer(socket, IntPtr.Zero, 0);
        }

        [RevertsImpersonation]
        public static int RevertPeer()
        {
            return WSARevertImpersonation();
        }
    }
}
