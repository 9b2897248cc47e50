// Expect: clean
// Why: reading 24 "Not SSX013's business: … a target-name structure whose string tail is appended (its length is computed or cannot be known): silent" — the SOCKET_PEER_TARGET_NAME header goes into the buffer by StructureToPtr and the SPN is appended, length = offset of AllStrings + SPN bytes; the settings length is the constant 8, which is the size of the SOCKET_SECURITY_SETTINGS passed.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Lucerne.Publishing.PressFeed
{
    internal enum SOCKET_SECURITY_PROTOCOL { SOCKET_SECURITY_PROTOCOL_DEFAULT, SOCKET_SECURITY_PROTOCOL_IPSEC }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS { public SOCKET_SECURITY_PROTOCOL SecurityProtocol; public uint SecurityFlags; }

    [StructLayout(LayoutKind.Sequential, Size = 128)]
    internal struct SOCKADDR_STORAGE { public ushort ss_family; private ushort _pad0; private uint _pad1; private ulong _align; }

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct SOCKET_PEER_TARGET_NAME
    {
        public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
        public SOCKADDR_STORAGE PeerAddress;
        public uint PeerTargetNameStringLen;
        public fixed char AllStrings[1];
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN { public short sin_family; public ushort sin_port; public uint sin_addr; public ulong sin_zero; }

    internal static class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, ref SOCKET_SECURITY_SETTINGS settings, uint len, IntPtr ov, IntPtr cr);
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketPeerTargetName(IntPtr s, IntPtr peerTargetName, uint len, IntPtr ov, IntPtr cr);
    }

    public sealed class PressFeedClient
    {
        private const uint SecuritySettingsSize = 8; // sizeof(SOCKET_SECURITY_SETTINGS)

        public IntPtr Connect(SOCKADDR_IN pressHall, string pressHallSpn)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == Native.INVALID_SOCKET)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASocketW");

            var settings = new SOCKET_SECURITY_SETTINGS { SecurityFlags = Native.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION };
            if (Native.WSASetSocketSecurity(s, ref settings, SecuritySettingsSize, IntPtr.Zero, IntPtr.Zero) != 0)
                throw Fail(s, "WSASetSocketSecurity");

            byte[] spn = Encoding.Unicode.GetBytes(pressHallSpn);
            int tailOffset = Marshal.OffsetOf<SOCKET_PEER_TARGET_NAME>(nameof(SOCKET_PEER_TARGET_NAME.AllStrings)).ToInt32();
            uint length = (uint)(tailOffset + spn.Length);
            IntPtr buffer = Marshal.AllocHGlobal(Math.Max((int)length, Marshal.SizeOf<SOCKET_PEER_TARGET_NAME>()));
            try
            {
                var header = new SOCKET_PEER_TARGET_NAME { PeerTargetNameStringLen = (uint)spn.Length };
                Marshal.StructureToPtr(header, buffer, false);
                Marshal.Copy(spn, 0, buffer + tailOffset, spn.Length);
                if (Native.WSASetSocketPeerTargetName(s, buffer, length, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw Fail(s, "WSASetSocketPeerTargetName");
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }

            if (Native.connect(s, ref pressHall, Marshal.SizeOf<SOCKADDR_IN>()) != 0)
                throw Fail(s, "connect");
            return s;
        }

        private static Win32Exception Fail(IntPtr s, string operation)
        {
            int error = Native.WSAGetLastError();
            Native.closesocket(s);
            return new Win32Exception(error, operation);
        }
    }
}
