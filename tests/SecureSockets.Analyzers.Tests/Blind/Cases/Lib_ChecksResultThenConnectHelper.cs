// Expect: SSX015
// Why: Contracts across assemblies (`[ChecksResult("status")]` is a test that throws on failure, Precision 6) and the attributed connect comes after the secure call (C-SEC-1 order: SSX001/SSX007 silent). SSX015 (added with that rule): the secured socket connects through the attributed helper with no peer target name (C-TGT-1).
using System;
using System.Net;
using System.Runtime.InteropServices;
using Contoso.Net.Interop;

namespace Contoso.Sync.Client
{
    internal static class Native
    {
        internal const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6;

        [DllImport("ws2_32.dll", SetLastError = true)]
        internal static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint g, uint flags);

        [DllImport("ws2_32.dll")]
        internal static extern int closesocket(IntPtr s);

        [DllImport("fwpuclnt.dll")]
        internal static extern int WSASetSocketSecurity(IntPtr socket, IntPtr settings, uint settingsLen, IntPtr overlapped, IntPtr completion);
    }

    public sealed class SyncChannel : IDisposable
    {
        public IntPtr Socket { get; private set; } = new IntPtr(-1);

        public void Open(IPEndPoint server)
        {
            IntPtr s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            try
            {
                int rc = Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero);
                Win32Check.ThrowIfSocketError(rc, "WSASetSocketSecurity");

                {|SSX015:WinsockHelpers.ConnectTo(s, server)|};
            }
            catch
            {
                Native.closesocket(s);
                throw;
            }

            Socket = s;
        }

        public void Dispose()
        {
            if (Socket != new IntPtr(-1))
                Native.closesocket(Socket);
        }
    }
}
