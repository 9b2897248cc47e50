// Companion of Multi_ExtensionPeerImpersonationAwait_SSX008: fwpuclnt P/Invoke renamed through EntryPoint.
using System;
using System.Runtime.InteropServices;

namespace Contoso.Scanning.Intake.Interop
{
    internal static class FwpInterop
    {
        [DllImport("fwpuclnt.dll", EntryPoint = "WSAImpersonateSocketPeer", SetLastError = true)]
        internal static extern int ImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, uint peerAddrLen);

        [DllImport("fwpuclnt.dll", EntryPoint = "WSARevertImpersonation", SetLastError = true)]
        internal static extern int RevertImpersonation();
    }

    internal static class Ws2
    {
        [DllImport("ws2_32.dll")]
        internal static extern int WSAGetLastError();
    }
}
