// Companion of Multi_HelperChainAcrossFiles_SSX001: the Winsock / IPsec P/Invoke layer, methods renamed through EntryPoint, module names from constants.
using System;
using System.Runtime.InteropServices;

namespace Fabrikam.Replication.Interop
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    public enum SOCKET_SECURITY_PROTOCOL
    {
        SOCKET_SECURITY_PROTOCOL_DEFAULT = 0,
        SOCKET_SECURITY_PROTOCOL_IPSEC = 1,
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKET_SECURITY_SETTINGS
    {
        public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
        public uint SecurityFlags;
    }

    internal static class WinsockNative
    {
        private const string Ws2_32 = "ws2_32.dll";
        private const string FwpUClntDll = "fwpuclnt.dll";

        internal const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        internal const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;
        internal static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport(Ws2_32, EntryPoint = "WSASocketW", SetLastError = true)]
        internal static extern IntPtr CreateSocket(int af, int type, int protocol, IntPtr protocolInfo, uint group, uint flags);

        [DllImport(Ws2_32, EntryPoint = "connect", SetLastError = true)]
        internal static extern int Connect(IntPtr s, ref SOCKADDR_IN name, int namelen);

        [DllImport(Ws2_32)]
        internal static extern int closesocket(IntPtr s);

        [DllImport(Ws2_32)]
        internal static extern int WSAGetLastError();

        [DllImport(FwpUClntDll, EntryPoint = "WSASetSocketSecurity", SetLastError = true)]
        internal static extern int SetSocketSecurity(IntPtr socket, ref SOCKET_SECURITY_SETTINGS securitySettings, uint securitySettingsLen, IntPtr overlapped, IntPtr completionRoutine);
    }
}
