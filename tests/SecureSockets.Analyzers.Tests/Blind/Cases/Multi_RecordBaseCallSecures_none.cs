// Expect: none
// Why: SSX001/SSX015/SSX007 on the correct order across files: CollectorLink is a positional record whose base call goes through IpsecSetup.Prepare (part2), which secures the fresh socket and names the collector (both through P/Invoke renamed by EntryPoint in part1, precision 1) and throws on either failure (precision 6: a summarized helper that throws handles the failure). The factory creates the socket, builds the record (securing and naming before anything else) and connects afterwards (C-SEC-1, C-TGT-3, C-TGT-1). Whether or not the constructor is followed, no rule has anything to report: nothing secures after the connect, and the connect is never on a secured-but-unnamed socket. Null settings with length 0 is not SSX013; the target-name buffer and length come from the caller (unknown: silent).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using Litware.Telemetry.Uplink.Interop;

namespace Litware.Telemetry.Uplink
{
    /// <summary>An uplink to a collector whose socket is secured and named before the base record stores it.</summary>
    public sealed record CollectorLink(IntPtr Socket, IntPtr TargetName, uint TargetNameLength)
        : NativeStreamSession(IpsecSetup.Prepare(Socket, TargetName, TargetNameLength));

    public static class CollectorLinkFactory
    {
        public static CollectorLink Open(sockaddr_in collector, IntPtr targetName, uint targetNameLength)
        {
            IntPtr s = Ws2_32.WSASocketW(Ws2_32.AF_INET, Ws2_32.SOCK_STREAM, Ws2_32.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (s == Ws2_32.INVALID_SOCKET)
                throw new Win32Exception(Ws2_32.WSAGetLastError(), "WSASocketW");

            var link = new CollectorLink(s, targetName, targetNameLength);

            if (Ws2_32.connect(s, ref collector, Marshal.SizeOf<sockaddr_in>()) == Ws2_32.SOCKET_ERROR)
            {
                int error = Ws2_32.WSAGetLastError();
                Ws2_32.closesocket(s);
                throw new Win32Exception(error, "connect");
            }

            return link;
        }
    }
}
