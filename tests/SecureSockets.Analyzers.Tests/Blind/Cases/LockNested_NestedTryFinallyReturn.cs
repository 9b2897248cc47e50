// Expect: SSX016
// Why: SSX003 with Precision 12: the returns inside the inner try/finally (which only disposes the stream) still pass through the outer finally that calls WSARevertImpersonation. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Fabrikam.Firmware.Distribution
{
    internal static class Fwpuclnt
    {
        public const int SOCKET_ERROR = -1;

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSAImpersonateSocketPeer(IntPtr Socket, IntPtr PeerAddr, uint PeerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        public static extern int WSARevertImpersonation();

        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();
    }

    public sealed class FirmwareDistributor
    {
        private readonly string _imageRoot;

        public FirmwareDistributor(string imageRoot) => _imageRoot = imageRoot;

        public byte[] ComputeImageHash(IntPtr deviceConnection, string model)
        {
            if (Fwpuclnt.WSAImpersonateSocketPeer(deviceConnection, IntPtr.Zero, 0) == Fwpuclnt.SOCKET_ERROR)
                throw new SocketException(Fwpuclnt.WSAGetLastError());

            try
            {
                string path = Path.Combine(_imageRoot, model + ".bin");
                if (!File.Exists(path))
                    return null;

                FileStream image = File.OpenRead(path);
                try
                {
                    if (image.Length == 0)
                        return Array.Empty<byte>();
                    return SHA256.HashData(image);
                }
                finally
                {
                    image.Dispose();
                }
            }
            finally
            {
                {|SSX016:Fwpuclnt.WSARevertImpersonation()|};
            }
        }
    }
}
