// Companion of Multi_HelperChainAcrossFiles_SSX001: the security helpers (two levels: Secure -> ApplyCore -> P/Invoke).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using Fabrikam.Replication.Interop;

namespace Fabrikam.Replication.Security
{
    internal static class TransportSecurity
    {
        /// <summary>Turns on IPsec for the socket with the default protocol; throws when Winsock refuses.</summary>
        internal static void Secure(IntPtr socket, bool requireEncryption)
        {
            var settings = new SOCKET_SECURITY_SETTINGS
            {
                SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_DEFAULT,
                SecurityFlags = requireEncryption ? WinsockNative.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION : 0u,
            };

            int rc = SecurityHelpers.ApplyCore(socket, ref settings);
            if (rc == WinsockNative.SOCKET_ERROR)
                throw new Win32Exception(WinsockNative.WSAGetLastError(), "WSASetSocketSecurity");
        }
    }

    internal static class SecurityHelpers
    {
        internal static int ApplyCore(IntPtr socket, ref SOCKET_SECURITY_SETTINGS settings)
        {
            return WinsockNative.SetSocketSecurity(socket, ref settings, (uint)Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>(), IntPtr.Zero, IntPtr.Zero);
        }
    }
}
