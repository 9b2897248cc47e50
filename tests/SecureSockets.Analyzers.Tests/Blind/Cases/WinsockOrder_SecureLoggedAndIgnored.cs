// Expect: SSX007
// Why: SSX007 ("if (rc != 0) Log(\"no IPsec\"); then connect ... is flagged too"): the failure of WSASetSocketSecurity on `socket.Handle` is only traced, and the same Socket then connects.
using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Northwind.Warehouse.Scanner
{
    internal static class IpsecInterop
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr Socket, IntPtr SecuritySettings, uint SecuritySettingsLen, IntPtr Overlapped, IntPtr CompletionRoutine);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public sealed class ScannerUplink
    {
        private readonly IPEndPoint _warehouseServer;

        public ScannerUplink(IPEndPoint warehouseServer) => _warehouseServer = warehouseServer;

        public Socket Connect()
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            int rc = {|SSX007:IpsecInterop.WSASetSocketSecurity(socket.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero)|};
            if (rc != 0)
                Trace.TraceWarning("IPsec unavailable (WSA error {0}); continuing without it.", IpsecInterop.WSAGetLastError());

            socket.NoDelay = true;
            socket.Connect(_warehouseServer);
            return socket;
        }
    }
}
