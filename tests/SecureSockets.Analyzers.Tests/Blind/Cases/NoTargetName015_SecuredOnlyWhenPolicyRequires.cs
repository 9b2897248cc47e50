// Expect: clean
// Why: SSX015 is "at a connect on S that was secured, on every path": the instrument uplink is secured only when the site policy asks for IPsec (some path), so the connect is not reported; the secure result is checked and throws (SSX007 silent), and securing precedes connect (SSX001 silent).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace TreyResearch.Instruments.Uplink
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    public sealed class SitePolicy
    {
        public bool RequireIpsec { get; init; }
        public SOCKADDR_IN Collector { get; init; }
    }

    internal static class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr ov, IntPtr cr);
    }

    public sealed class InstrumentUplink
    {
        private IntPtr _socket = Native.INVALID_SOCKET;

        public void Open(SitePolicy policy)
        {
            _socket = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (_socket == Native.INVALID_SOCKET)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASocketW");

            try
            {
                if (policy.RequireIpsec)
                {
                    if (Native.WSASetSocketSecurity(_socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                        throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");
                }

                SOCKADDR_IN collector = policy.Collector;
                if (Native.connect(_socket, ref collector, Marshal.SizeOf<SOCKADDR_IN>()) == Native.SOCKET_ERROR)
                    throw new Win32Exception(Native.WSAGetLastError(), "connect");
            }
            catch
            {
                Native.closesocket(_socket);
                _socket = Native.INVALID_SOCKET;
                throw;
            }
        }
    }
}
