// Companion of Multi_GenuineChannelsClientHelpers_none: WSAIoctl with the SIO_SET_SECURITY code, and the renamed target-name P/Invoke.
using System;
using System.Runtime.InteropServices;

namespace Fabrikam.Remoting.Channels.Tcp.Interop
{
    internal static class WinsockInterop
    {
        internal const int SOCKET_ERROR = -1;
        internal const uint SIO_SET_SECURITY = 0x980000C8;

        [DllImport("Ws2_32.dll", SetLastError = true)]
        internal static extern int WSAIoctl(IntPtr s, uint dwIoControlCode, IntPtr lpvInBuffer, uint cbInBuffer, IntPtr lpvOutBuffer, uint cbOutBuffer, out uint lpcbBytesReturned, IntPtr lpOverlapped, IntPtr lpCompletionRoutine);

        [DllImport("Fwpuclnt.dll", EntryPoint = "WSASetSocketPeerTargetName", SetLastError = true)]
        internal static extern int SetPeerTargetName(IntPtr socket, IntPtr peerTargetName, uint peerTargetNameLen, IntPtr overlapped, IntPtr completionRoutine);

        [DllImport("Ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }
}
