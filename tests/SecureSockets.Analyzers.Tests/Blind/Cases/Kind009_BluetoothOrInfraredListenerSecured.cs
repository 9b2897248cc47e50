// Expect: SSX009
// Why: RULES precision 24 "Different values, same verdict. SSX009 with an unsupported constant on every path (even different ones) reports": the dock listener is AF_BTH (32) on one branch and AF_IRDA (26) on the other; neither is AF_INET/AF_INET6 (C-SEC-5).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Northwind.FieldSync.DockService
{
    public enum DockTransport
    {
        Bluetooth,
        Infrared,
    }

    internal static class Native
    {
        public const int AF_IRDA = 26;
        public const int AF_BTH = 32;
        public const int SOCK_STREAM = 1;
        public const int BTHPROTO_RFCOMM = 3;
        public const int IRDA_PROTO_SOCK_STREAM = 1;
        public const int SOCKET_ERROR = -1;
        public const uint WSA_FLAG_NO_HANDLE_INHERIT = 0x80;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("Ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);

        [DllImport("Ws2_32.dll")]
        public static extern int closesocket(IntPtr s);

        [DllImport("Ws2_32.dll")]
        public static extern int WSAGetLastError();

        [DllImport("FWPUCLNT.DLL", SetLastError = true)]
        public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);
    }

    public sealed class DockListenerFactory
    {
        private readonly Action<string> _log;

        public DockListenerFactory(Action<string> log) => _log = log;

        /// <summary>Creates the listener for handheld docking; the caller binds it to the radio's address.</summary>
        public IntPtr CreateDockListener(DockTransport transport)
        {
            IntPtr s;
            if (transport == DockTransport.Bluetooth)
            {
                s = Native.WSASocketW(Native.AF_BTH, Native.SOCK_STREAM, Native.BTHPROTO_RFCOMM, IntPtr.Zero, 0, Native.WSA_FLAG_NO_HANDLE_INHERIT);
            }
            else
            {
                _log("Falling back to the legacy IrDA cradle");
                s = Native.WSASocketW(Native.AF_IRDA, Native.SOCK_STREAM, Native.IRDA_PROTO_SOCK_STREAM, IntPtr.Zero, 0, Native.WSA_FLAG_NO_HANDLE_INHERIT);
            }

            if (s == Native.INVALID_SOCKET)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASocketW");

            // Security review item FS-112: every listening socket must require IPsec.
            if ({|SSX009:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|} == Native.SOCKET_ERROR)
            {
                int error = Native.WSAGetLastError();
                Native.closesocket(s);
                throw new Win32Exception(error, "WSASetSocketSecurity");
            }

            return s;
        }
    }
}
