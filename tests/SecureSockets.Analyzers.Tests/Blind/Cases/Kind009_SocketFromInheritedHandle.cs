// Expect: clean
// Why: RULES precision 8 "Unknown provenance is not proof ... `new Socket(SafeSocketHandle)` may wrap anything": the worker's socket wraps a handle inherited from the launcher, so its family/type are not visible and SSX009 is silent in Harden; Harden (1 deep, throws on failure) secures and names it before Connect, so SSX001/006/007/015 are silent too.
using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Woodgrove.Ledger.WorkerHost
{
    internal static class Fwp
    {
        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);

        [DllImport("fwpuclnt.dll", SetLastError = true)]
        internal static extern int WSASetSocketPeerTargetName(IntPtr s, byte[] target, uint targetLen, IntPtr overlapped, IntPtr completion);

        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }

    public sealed class CoordinatorUplink : IDisposable
    {
        private const int TargetNameHeader = 140;
        private Socket _socket;

        /// <summary>The launcher creates the socket (so that the worker runs without network privileges) and passes its handle.</summary>
        public void Attach(IntPtr inheritedHandle, EndPoint coordinator, string coordinatorSpn)
        {
            var socket = new Socket(new SafeSocketHandle(inheritedHandle, ownsHandle: true));
            try
            {
                Harden(socket, coordinatorSpn);
                socket.Connect(coordinator);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            _socket = socket;
        }

        private static void Harden(Socket socket, string spn)
        {
            if (Fwp.WSASetSocketSecurity(socket.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new SocketException(Fwp.WSAGetLastError());

            byte[] name = Encoding.Unicode.GetBytes(spn);
            byte[] target = new byte[TargetNameHeader + name.Length];
            BitConverter.GetBytes(name.Length).CopyTo(target, 136);
            name.CopyTo(target, TargetNameHeader);
            if (Fwp.WSASetSocketPeerTargetName(socket.Handle, target, (uint)target.Length, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new SocketException(Fwp.WSAGetLastError());
        }

        public int Send(byte[] payload) => _socket.Send(payload);

        public void Dispose() => _socket?.Dispose();
    }
}
