// Expect: SSX015
// Why: "the .Client of a TcpClient created in the method is that client's socket" (precision 8; `client.Client` is the same storage location each time) and TcpClient.Connect is a connect event: the uploader secures client.Client.Handle on every path (failure throws) and connects with no target name (C-TGT-1).
using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Litware.Telemetry.Uploader
{
    internal static class Fwp
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public sealed class BatchUploader
    {
        private readonly string _host;
        private readonly int _port;

        public BatchUploader(string host, int port)
        {
            _host = host;
            _port = port;
        }

        public void Upload(byte[] batch)
        {
            using var client = new TcpClient(AddressFamily.InterNetwork);
            client.NoDelay = true;

            // Domain policy requires IPsec for the telemetry port.
            if (Fwp.WSASetSocketSecurity(client.Client.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new SocketException(Fwp.WSAGetLastError());

            {|SSX015:client.Connect(_host, _port)|};

            using NetworkStream stream = client.GetStream();
            using var writer = new BinaryWriter(stream);
            writer.Write(batch.Length);
            writer.Write(batch);
            writer.Flush();
        }
    }
}
