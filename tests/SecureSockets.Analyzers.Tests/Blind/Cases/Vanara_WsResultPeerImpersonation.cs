// Expect: SSX016
// Why: Results section (Vanara's WSRESULT with `.ThrowIfFailed()` / `.Failed`) and Sockets (a SOCKET struct is a socket): both peer impersonations are tested before the work and reverted in finally. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Principal;
using Vanara.PInvoke;

namespace Vanara.PInvoke
{
    [StructLayout(LayoutKind.Sequential)]
    public readonly struct SOCKET
    {
        private readonly IntPtr handle;
        public SOCKET(IntPtr preexistingHandle) => handle = preexistingHandle;
        public IntPtr DangerousGetHandle() => handle;
    }

    [StructLayout(LayoutKind.Sequential)]
    public readonly struct WSRESULT
    {
        private readonly int _value;
        public WSRESULT(int rawValue) => _value = rawValue;
        public bool Succeeded => _value == 0;
        public bool Failed => _value != 0;

        public void ThrowIfFailed(string message = null)
        {
            if (Failed)
                throw new SocketException(Ws2_32.WSAGetLastError());
        }
    }

    public static partial class Ws2_32
    {
        [DllImport("ws2_32.dll", SetLastError = false, ExactSpelling = true)]
        public static extern int WSAGetLastError();

        [DllImport("fwpuclnt.dll", SetLastError = false, ExactSpelling = true)]
        public static extern WSRESULT WSAImpersonateSocketPeer(SOCKET Socket, IntPtr PeerAddr, uint peerAddrLen);

        [DllImport("fwpuclnt.dll", SetLastError = false, ExactSpelling = true)]
        public static extern WSRESULT WSARevertImpersonation();
    }
}

namespace Contoso.Vault.Server
{
    public sealed class VaultAccess
    {
        public string WhoIsConnected(SOCKET client)
        {
            Ws2_32.WSAImpersonateSocketPeer(client, IntPtr.Zero, 0).ThrowIfFailed();
            try
            {
                using (WindowsIdentity id = WindowsIdentity.GetCurrent())
                    return id.Name;
            }
            finally
            {
                {|SSX016:Ws2_32.WSARevertImpersonation()|};
            }
        }

        public bool IsVaultAdmin(SOCKET client, string adminGroup)
        {
            if (Ws2_32.WSAImpersonateSocketPeer(client, IntPtr.Zero, 0).Failed)
                return false;

            try
            {
                using (WindowsIdentity id = WindowsIdentity.GetCurrent())
                    return new WindowsPrincipal(id).IsInRole(adminGroup);
            }
            finally
            {
                {|SSX016:Ws2_32.WSARevertImpersonation()|};
            }
        }
    }
}
