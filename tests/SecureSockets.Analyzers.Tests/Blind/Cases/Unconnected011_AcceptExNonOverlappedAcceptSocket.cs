// Expect: SSX016
// Why: RULES precision 24 "AcceptEx's accept socket keeps its own creation's attributes and is accepted (connected) after the call": the impersonation after AcceptEx completes is on an accepted socket (not SSX011), and that socket was created by WSASocketW with WSA_FLAG_NO_HANDLE_INHERIT only (no 0x01), so SSX010 is silent even though the listening socket is overlapped. AcceptEx is declared in CsWin32's Windows.Win32.PInvoke (a known binding type). SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Threading;
using Windows.Win32;
using Windows.Win32.Networking.WinSock;

namespace Windows.Win32.Networking.WinSock
{
    internal readonly partial struct SOCKET
    {
        internal readonly nuint Value;
        internal SOCKET(nuint value) => Value = value;
    }
}

namespace Windows.Win32
{
    internal static partial class PInvoke
    {
        [DllImport("WS2_32.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern SOCKET WSASocketW(int af, int type, int protocol, nint lpProtocolInfo, uint g, uint dwFlags);
        [DllImport("WS2_32.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern unsafe int setsockopt(SOCKET s, int level, int optname, void* optval, int optlen);
        [DllImport("WS2_32.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern unsafe int WSAGetOverlappedResult(SOCKET s, NativeOverlapped* lpOverlapped, uint* lpcbTransfer, int fWait, uint* lpdwFlags);
        [DllImport("WS2_32.dll", ExactSpelling = true)]
        internal static extern int closesocket(SOCKET s);
        [DllImport("WS2_32.dll", ExactSpelling = true)]
        internal static extern int WSAGetLastError();
        [DllImport("MSWSOCK.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern unsafe int AcceptEx(SOCKET sListenSocket, SOCKET sAcceptSocket, void* lpOutputBuffer, uint dwReceiveDataLength,
            uint dwLocalAddressLength, uint dwRemoteAddressLength, uint* lpdwBytesReceived, NativeOverlapped* lpOverlapped);
        [DllImport("FWPUCLNT.dll", ExactSpelling = true)]
        internal static extern unsafe int WSAImpersonateSocketPeer(SOCKET Socket, void* PeerAddr, uint PeerAddrLen);
        [DllImport("FWPUCLNT.dll", ExactSpelling = true)]
        internal static extern int WSARevertImpersonation();
    }
}

namespace Proseware.Remoting.TicketBroker
{
    internal interface ITicketIssuer { void IssueFor(SOCKET caller); }

    internal sealed class TicketAcceptor
    {
        private const int AF_INET6 = 23, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOL_SOCKET = 0xFFFF, SO_UPDATE_ACCEPT_CONTEXT = 0x700B;
        private const uint WSA_FLAG_NO_HANDLE_INHERIT = 0x80;
        private const int ERROR_IO_PENDING = 997, AddressSlot = 44;

        private readonly ITicketIssuer _issuer;

        internal TicketAcceptor(ITicketIssuer issuer) => _issuer = issuer;

        /// <summary>The listening socket is overlapped and already bound/listening (owned by the IOCP host).</summary>
        internal unsafe void AcceptOne(SOCKET listening, WaitHandle completion)
        {
            SOCKET caller = PInvoke.WSASocketW(AF_INET6, SOCK_STREAM, IPPROTO_TCP, 0, 0, WSA_FLAG_NO_HANDLE_INHERIT);
            byte* addresses = stackalloc byte[2 * AddressSlot];
            NativeOverlapped overlapped = default;
            overlapped.EventHandle = completion.SafeWaitHandle.DangerousGetHandle();

            uint transferred;
            if (PInvoke.AcceptEx(listening, caller, addresses, 0, AddressSlot, AddressSlot, &transferred, &overlapped) == 0 &&
                PInvoke.WSAGetLastError() != ERROR_IO_PENDING)
                throw new Win32Exception(PInvoke.WSAGetLastError(), "AcceptEx");

            uint flags;
            if (PInvoke.WSAGetOverlappedResult(listening, &overlapped, &transferred, 1, &flags) == 0)
                throw new Win32Exception(PInvoke.WSAGetLastError(), "WSAGetOverlappedResult");

            nuint listeningValue = listening.Value;
            if (PInvoke.setsockopt(caller, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, &listeningValue, sizeof(nuint)) != 0)
                throw new Win32Exception(PInvoke.WSAGetLastError(), "SO_UPDATE_ACCEPT_CONTEXT");

            try
            {
                if (PInvoke.WSAImpersonateSocketPeer(caller, null, 0) != 0)
                    throw new Win32Exception(PInvoke.WSAGetLastError(), "WSAImpersonateSocketPeer");
                try
                {
                    _issuer.IssueFor(caller);
                }
                finally
                {
                    {|SSX016:PInvoke.WSARevertImpersonation()|};
                }
            }
            finally
            {
                PInvoke.closesocket(caller);
            }
        }
    }
}
