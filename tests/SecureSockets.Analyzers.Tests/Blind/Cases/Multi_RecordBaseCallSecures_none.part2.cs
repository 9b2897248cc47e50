// Companion of Multi_RecordBaseCallSecures_none: the setup helper used in the base call, and the base record.
using System;
using System.ComponentModel;
using Litware.Telemetry.Uplink.Interop;

namespace Litware.Telemetry.Uplink
{
    internal static class IpsecSetup
    {
        /// <summary>Secures a fresh socket and names the collector it must authenticate; returns the socket so a base call can chain it.</summary>
        internal static IntPtr Prepare(IntPtr socket, IntPtr targetName, uint targetNameLength)
        {
            Require(FwpNative.SetSecurity(socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero), "WSASetSocketSecurity");
            Require(FwpNative.SetPeerTargetName(socket, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero), "WSASetSocketPeerTargetName");
            return socket;
        }

        private static void Require(int rc, string function)
        {
            if (rc != 0)
                throw new Win32Exception(Ws2_32.WSAGetLastError(), function);
        }
    }

    public abstract record NativeStreamSession(IntPtr Handle)
    {
        public void Send(byte[] payload)
        {
            if (Ws2_32.send(Handle, payload, payload.Length, 0) == Ws2_32.SOCKET_ERROR)
                throw new Win32Exception(Ws2_32.WSAGetLastError(), "send");
        }
    }
}
