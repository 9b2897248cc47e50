// Expect: SSX010, SSX016
// Why: RULES precision 24 "AcceptEx's accept socket keeps its own creation's attributes and is accepted (connected) after the call": the accept socket is created with WSA_FLAG_OVERLAPPED (0x01), so impersonating it is SSX010 (C-IMP-2); being accepted it is not SSX011. AcceptEx comes from CsWin32's Windows.Win32.PInvoke, a known binding type, so its MSWSOCK module does not matter. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
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

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_IN
    {
        internal ushort sin_family;
        internal ushort sin_port;
        internal uint sin_addr;
        internal ulong sin_zero;
    }
}

namespace Windows.Win32
{
    internal static partial class PInvoke
    {
        [DllImport("WS2_32.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern SOCKET WSASocketW(int af, int type, int protocol, nint lpProtocolInfo, uint g, uint dwFlags);
        [DllImport("WS2_32.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern unsafe int bind(SOCKET s, SOCKADDR_IN* name, int namelen);
        [DllImport("WS2_32.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern int listen(SOCKET s, int backlog);
        [DllImport("WS2_32.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern unsafe int setsockopt(SOCKET s, int level, int optname, void* optval, int optlen);
        [DllImport("WS2_32.dll", ExactSpelling = true, SetLastError = true)]
        internal static extern unsafe int WSAGetOverlappedResult(SOCKET s, NativeOverlapped* lpOverlapped, uint* lpcbTransfer, int fWait, uint* lpdwFlags);
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

namespace Fabrikam.Gateway.IpsecBroker
{
    public sealed class BrokerAcceptor
    {
        private const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOL_SOCKET = 0xFFFF, SO_UPDATE_ACCEPT_CONTEXT = 0x700B;
        private const uint WSA_FLAG_OVERLAPPED = 0x01;
        private const int ERROR_IO_PENDING = 997, AddressSlot = 32;

        public unsafe void ServeOne(ushort portNetworkOrder, Action<nuint> handler)
        {
            SOCKET listen = PInvoke.WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, 0, 0, WSA_FLAG_OVERLAPPED);
            var any = new SOCKADDR_IN { sin_family = AF_INET, sin_port = portNetworkOrder };
            if (PInvoke.bind(listen, &any, sizeof(SOCKADDR_IN)) != 0 || PInvoke.listen(listen, 1) != 0)
                throw new Win32Exception(PInvoke.WSAGetLastError(), "bind/listen");

            SOCKET acceptSocket = PInvoke.WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, 0, 0, WSA_FLAG_OVERLAPPED);
            byte* addresses = stackalloc byte[2 * AddressSlot];
            using var completed = new ManualResetEvent(false);
            NativeOverlapped overlapped = default;
            overlapped.EventHandle = completed.SafeWaitHandle.DangerousGetHandle();

            uint transferred;
            if (PInvoke.AcceptEx(listen, acceptSocket, addresses, 0, AddressSlot, AddressSlot, &transferred, &overlapped) == 0 &&
                PInvoke.WSAGetLastError() != ERROR_IO_PENDING)
                throw new Win32Exception(PInvoke.WSAGetLastError(), "AcceptEx");

            uint flags;
            if (PInvoke.WSAGetOverlappedResult(listen, &overlapped, &transferred, 1, &flags) == 0)
                throw new Win32Exception(PInvoke.WSAGetLastError(), "WSAGetOverlappedResult");

            nuint listenValue = listen.Value;
            if (PInvoke.setsockopt(acceptSocket, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, &listenValue, sizeof(nuint)) != 0)
                throw new Win32Exception(PInvoke.WSAGetLastError(), "SO_UPDATE_ACCEPT_CONTEXT");

            if ({|SSX010:PInvoke.WSAImpersonateSocketPeer(acceptSocket, null, 0)|} != 0)
                throw new Win32Exception(PInvoke.WSAGetLastError(), "WSAImpersonateSocketPeer");
            try
            {
                handler(acceptSocket.Value);
            }
            finally
            {
                {|SSX016:PInvoke.WSARevertImpersonation()|};
            }
        }
    }
}
