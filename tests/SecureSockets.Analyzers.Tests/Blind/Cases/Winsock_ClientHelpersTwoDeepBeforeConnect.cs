// Expect: clean
// Why: summarized helpers 2 deep (ConfigureIpsec -> ApplySecurity / ApplyPeerTargetName, each throwing on SOCKET_ERROR) secure and name the socket before connect: C-SEC-1 and C-TGT-3 order, failures leave (SSX001/006/007 silent).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace Contoso.Replication
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class Winsock
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;

        [DllImport("Ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("Ws2_32.dll", SetLastError = true)]
        public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);

        [DllImport("Ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("Ws2_32.dll")] public static extern int WSAGetLastError();

        [DllImport("Fwpuclnt.dll")]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, int settingsLen, IntPtr overlapped, IntPtr completion);

        [DllImport("Fwpuclnt.dll")]
        public static extern int WSASetSocketPeerTargetName(IntPtr s, IntPtr target, int targetLen, IntPtr overlapped, IntPtr completion);
    }

    internal static class SocketSecurityConfigurator
    {
        private const int TargetNameHeader = 140;

        public static void ConfigureIpsec(IntPtr socket, string peerSpn)
        {
            ApplySecurity(socket);
            if (!string.IsNullOrEmpty(peerSpn))
                ApplyPeerTargetName(socket, peerSpn);
        }

        private static void ApplySecurity(IntPtr socket)
        {
            if (Winsock.WSASetSocketSecurity(socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Winsock.SOCKET_ERROR)
                throw new Win32Exception(Winsock.WSAGetLastError(), "WSASetSocketSecurity");
        }

        private static void ApplyPeerTargetName(IntPtr socket, string peerSpn)
        {
            byte[] name = Encoding.Unicode.GetBytes(peerSpn);
            int length = TargetNameHeader + name.Length;
            IntPtr buffer = Marshal.AllocHGlobal(length);
            try
            {
                Marshal.Copy(new byte[TargetNameHeader], 0, buffer, TargetNameHeader);
                Marshal.WriteInt32(buffer, 136, name.Length);
                Marshal.Copy(name, 0, buffer + TargetNameHeader, name.Length);
                if (Winsock.WSASetSocketPeerTargetName(socket, buffer, length, IntPtr.Zero, IntPtr.Zero) == Winsock.SOCKET_ERROR)
                    throw new Win32Exception(Winsock.WSAGetLastError(), "WSASetSocketPeerTargetName");
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }
    }

    public sealed class ReplicationPartnerConnection
    {
        public IntPtr Socket { get; private set; }

        public void Open(SOCKADDR_IN partner, string partnerSpn)
        {
            IntPtr s = Winsock.WSASocketW(Winsock.AF_INET, Winsock.SOCK_STREAM, Winsock.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            try
            {
                SocketSecurityConfigurator.ConfigureIpsec(s, partnerSpn);

                if (Winsock.connect(s, ref partner, Marshal.SizeOf<SOCKADDR_IN>()) == Winsock.SOCKET_ERROR)
                    throw new Win32Exception(Winsock.WSAGetLastError(), "connect");
            }
            catch
            {
                Winsock.closesocket(s);
                throw;
            }

            Socket = s;
        }
    }
}
