// Expect: SSX013
// Why: SSX013 / C-SEC-7 ("… differs from the size of the structure actually passed (including 0 with a non-null structure)"): a SOCKET_SECURITY_SETTINGS is passed by ref with SecuritySettingsLen 0; reported at the length argument. The target-name call's length is computed from the SPN (reading 24, "Not SSX013's business"), and the managed socket is secured and named before Connect.
using System;
using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Margiestravel.Booking.GdsClient
{
    internal enum SOCKET_SECURITY_PROTOCOL { SOCKET_SECURITY_PROTOCOL_DEFAULT, SOCKET_SECURITY_PROTOCOL_IPSEC }

    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKET_SECURITY_SETTINGS
    {
        public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
        public uint SecurityFlags;
    }

    internal static class Fwpuclnt
    {
        internal const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr socket, ref SOCKET_SECURITY_SETTINGS securitySettings, uint securitySettingsLen, IntPtr overlapped, IntPtr completionRoutine);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketPeerTargetName(IntPtr socket, IntPtr peerTargetName, uint peerTargetNameLen, IntPtr overlapped, IntPtr completionRoutine);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public sealed class GdsSession
    {
        private const int TargetNameHeader = 140;

        public Socket Open(IPEndPoint gds, string gdsSpn)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                var settings = new SOCKET_SECURITY_SETTINGS
                {
                    SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_DEFAULT,
                    SecurityFlags = Fwpuclnt.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION,
                };
                if (Fwpuclnt.WSASetSocketSecurity(socket.Handle, ref settings, {|SSX013:0|}, IntPtr.Zero, IntPtr.Zero) != 0)
                    throw new Win32Exception(Fwpuclnt.WSAGetLastError(), "WSASetSocketSecurity");

                byte[] spn = Encoding.Unicode.GetBytes(gdsSpn);
                int length = TargetNameHeader + spn.Length;
                IntPtr targetName = Marshal.AllocHGlobal(length);
                try
                {
                    for (int i = 0; i < TargetNameHeader; i++) Marshal.WriteByte(targetName, i, 0);
                    Marshal.WriteInt32(targetName, 136, spn.Length);
                    Marshal.Copy(spn, 0, targetName + TargetNameHeader, spn.Length);
                    if (Fwpuclnt.WSASetSocketPeerTargetName(socket.Handle, targetName, (uint)length, IntPtr.Zero, IntPtr.Zero) != 0)
                        throw new Win32Exception(Fwpuclnt.WSAGetLastError(), "WSASetSocketPeerTargetName");
                }
                finally
                {
                    Marshal.FreeHGlobal(targetName);
                }

                socket.Connect(gds);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }
}
