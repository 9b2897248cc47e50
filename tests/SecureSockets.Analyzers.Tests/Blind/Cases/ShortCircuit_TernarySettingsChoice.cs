// Expect: SSX015
// Why: SSX002 ("on some path") and Precision 6: the two WSASetSocketSecurity calls are the two arms of one ternary, so each path secures the socket once, and the result is tested before connect. SSX015 (added with that rule): the socket is secured on every path and connects with no peer target name set before (C-TGT-1).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Contoso.Replication.Client
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS
    {
        public int SecurityProtocol;
        public uint SecurityFlags;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct sockaddr_in6
    {
        public short sin6_family;
        public ushort sin6_port;
        public uint sin6_flowinfo;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 16)] public byte[] sin6_addr;
        public uint sin6_scope_id;
    }

    internal static class Native
    {
        public const int SOCKET_ERROR = -1;
        public const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr socket(int af, int type, int protocol);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int connect(IntPtr s, ref sockaddr_in6 name, int namelen);

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSASetSocketSecurity(IntPtr Socket, ref SOCKET_SECURITY_SETTINGS SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);

        [DllImport("fwpuclnt.dll", SetLastError = true, EntryPoint = "WSASetSocketSecurity")]
        public static extern int WSASetSocketSecurityDefault(IntPtr Socket, IntPtr SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);
    }

    internal sealed class ReplicaConnector
    {
        public IntPtr Connect(sockaddr_in6 replica, bool requireEncryption)
        {
            IntPtr s = Native.socket(23, 1, 6);
            var settings = new SOCKET_SECURITY_SETTINGS { SecurityProtocol = 0, SecurityFlags = Native.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION };

            int rc = requireEncryption
                ? Native.WSASetSocketSecurity(s, ref settings, (uint)Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>(), IntPtr.Zero, IntPtr.Zero)
                : Native.WSASetSocketSecurityDefault(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
            if (rc == Native.SOCKET_ERROR)
                throw new SocketException(Native.WSAGetLastError());

            if ({|SSX015:Native.connect(s, ref replica, 28)|} == Native.SOCKET_ERROR)
                throw new SocketException(Native.WSAGetLastError());
            return s;
        }
    }
}
