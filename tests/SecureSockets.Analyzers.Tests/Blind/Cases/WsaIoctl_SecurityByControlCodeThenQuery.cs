// Expect: clean
// Why: C-SEC-10 / C-TGT-7 ("WSAIoctl codes are matched by constant value"): SIO_SET_SECURITY and SIO_SET_PEER_TARGET_NAME typed as int are checked before connect; the SIO_QUERY_SECURITY ioctl after connect is not a secure event (SSX001 silent).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Contoso.Backup.Transport
{
    [StructLayout(LayoutKind.Sequential)]
    public struct sockaddr_in
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static unsafe class WinSock
    {
        // _WSAIOW(IOC_VENDOR, 200 / 202) and _WSAIORW(IOC_VENDOR, 201), as this binding types them.
        internal const int SIO_SET_SECURITY = -1744830264;
        internal const int SIO_SET_PEER_TARGET_NAME = -1744830262;
        internal const int SIO_QUERY_SECURITY = -671088439;
        internal const int SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int WSAIoctl(IntPtr s, int dwIoControlCode, void* lpvInBuffer, int cbInBuffer,
            void* lpvOutBuffer, int cbOutBuffer, out int lpcbBytesReturned, IntPtr lpOverlapped, IntPtr lpCompletionRoutine);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int connect(IntPtr s, ref sockaddr_in name, int namelen);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public sealed unsafe class BackupTargetConnection
    {
        public uint QueriedSecurityFlags { get; private set; }

        public void Connect(IntPtr socket, sockaddr_in target, byte[] encodedPeerTargetName)
        {
            if (WinSock.WSAIoctl(socket, WinSock.SIO_SET_SECURITY, null, 0, null, 0, out _, IntPtr.Zero, IntPtr.Zero) == WinSock.SOCKET_ERROR)
                throw new Win32Exception(WinSock.WSAGetLastError(), "SIO_SET_SECURITY");

            fixed (byte* name = encodedPeerTargetName)
            {
                if (WinSock.WSAIoctl(socket, WinSock.SIO_SET_PEER_TARGET_NAME, name, encodedPeerTargetName.Length, null, 0, out _, IntPtr.Zero, IntPtr.Zero) == WinSock.SOCKET_ERROR)
                    throw new Win32Exception(WinSock.WSAGetLastError(), "SIO_SET_PEER_TARGET_NAME");
            }

            if (WinSock.connect(socket, ref target, sizeof(sockaddr_in)) == WinSock.SOCKET_ERROR)
                throw new Win32Exception(WinSock.WSAGetLastError(), "connect");

            // SOCKET_SECURITY_QUERY_INFO: protocol, flags, ... ; only the flags are of interest here.
            byte* info = stackalloc byte[64];
            if (WinSock.WSAIoctl(socket, WinSock.SIO_QUERY_SECURITY, null, 0, info, 64, out int returned, IntPtr.Zero, IntPtr.Zero) == WinSock.SOCKET_ERROR)
                throw new Win32Exception(WinSock.WSAGetLastError(), "SIO_QUERY_SECURITY");

            QueriedSecurityFlags = returned >= 8 ? *(uint*)(info + 4) : 0;
        }
    }
}
