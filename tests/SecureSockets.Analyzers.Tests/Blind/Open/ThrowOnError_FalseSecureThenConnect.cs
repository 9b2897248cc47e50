// Expect: SSX007
// Why: SSX007 with Precision 6: the check helper throws only when throwOnError is true; called with `false` its returned status is dropped, so a failed WSASetSocketSecurity goes on to connect.
using System;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Contoso.Dicom.Forwarder
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct sockaddr_in
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public long sin_zero;
    }

    internal static class Ws2
    {
        public const int SOCKET_ERROR = -1;

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int connect(IntPtr s, ref sockaddr_in name, int namelen);

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSASetSocketSecurity(IntPtr Socket, IntPtr SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);

        public static int Check(int rc, string function, bool throwOnError)
        {
            if (rc == SOCKET_ERROR)
            {
                int error = WSAGetLastError();
                Debug.WriteLine($"{function} failed with {error}");
                if (throwOnError)
                    throw new SocketException(error);
            }
            return rc;
        }
    }

    internal sealed class PacsForwarder
    {
        public IntPtr ConnectArchive(sockaddr_in archive)
        {
            IntPtr s = Ws2.WSASocketW(2, 1, 6, IntPtr.Zero, 0, 0);
            Ws2.Check({|SSX007:Ws2.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|}, "WSASetSocketSecurity", throwOnError: false);
            Ws2.Check(Ws2.connect(s, ref archive, Marshal.SizeOf<sockaddr_in>()), "connect", throwOnError: true);
            return s;
        }
    }
}
