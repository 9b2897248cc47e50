// Expect: SSX006
// Why: Contracts "Identity" (`new TcpClient(host, port)` is created connected and `client.Client` is its socket, `.Handle` the same socket) + SSX006 / C-TGT-2: the peer target name is set on an already connected socket.
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Contoso.Licensing
{
    internal static class Fwpuclnt
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketPeerTargetName(IntPtr socket, byte[] peerTargetName, int length, IntPtr overlapped, IntPtr completion);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public sealed class LicenseCheckClient
    {
        private const int TargetNameHeader = 140;

        private static byte[] EncodeTargetName(string spn)
        {
            byte[] name = Encoding.Unicode.GetBytes(spn);
            byte[] buffer = new byte[TargetNameHeader + name.Length];
            BitConverter.GetBytes(name.Length).CopyTo(buffer, 136);
            name.CopyTo(buffer, TargetNameHeader);
            return buffer;
        }

        public string CheckLicense(string host, int port, string serverSpn, string licenseKey)
        {
            using var client = new TcpClient(host, port);

            byte[] target = EncodeTargetName(serverSpn);
            if ({|SSX006:Fwpuclnt.WSASetSocketPeerTargetName(client.Client.Handle, target, target.Length, IntPtr.Zero, IntPtr.Zero)|} != 0)
                throw new SocketException(Fwpuclnt.WSAGetLastError());

            using NetworkStream stream = client.GetStream();
            byte[] request = Encoding.UTF8.GetBytes("CHECK " + licenseKey + "\n");
            stream.Write(request, 0, request.Length);

            byte[] reply = new byte[256];
            int read = stream.Read(reply, 0, reply.Length);
            return Encoding.UTF8.GetString(reply, 0, read).TrimEnd();
        }
    }
}
