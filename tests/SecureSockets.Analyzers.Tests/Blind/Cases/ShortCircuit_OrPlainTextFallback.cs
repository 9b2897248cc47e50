// Expect: SSX007
// Why: SSX007 ("a deliberate fallback to an unsecured socket ... is flagged too"): `ok = rc == 0 || AllowPlainText` lets a failed WSASetSocketSecurity reach connect when plain text is allowed.
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Litware.Metrics.Shipper
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct sockaddr_in
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public long sin_zero;
    }

    public sealed class ShipperOptions
    {
        public bool AllowPlainText { get; set; }
    }

    internal static class Native
    {
        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr lpProtocolInfo, uint g, uint dwFlags);

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern int connect(IntPtr s, ref sockaddr_in name, int namelen);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr Socket, IntPtr SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);
    }

    public sealed class MetricsShipper
    {
        private readonly ShipperOptions _options;

        public MetricsShipper(ShipperOptions options) => _options = options;

        internal IntPtr ConnectCollector(sockaddr_in collector)
        {
            IntPtr s = Native.WSASocketW(2, 1, 6, IntPtr.Zero, 0, 0);

            int rc = {|SSX007:Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
            bool ok = rc == 0 || _options.AllowPlainText;
            if (!ok)
                throw new SocketException(Native.WSAGetLastError());

            if (Native.connect(s, ref collector, 16) != 0)
                throw new SocketException(Native.WSAGetLastError());
            return s;
        }
    }
}
