// Expect: SSX016
// Why: SSX010 wants the overlapped attribute "on every path" (and "on some path" = no assignment to the socket in between): when peer authorization is on, the socket() listener (overlapped) is closed and the variable reassigned to WSASocketW(..., flags 0); the impersonation runs only under the same `authorize` local (precision 4), and even without that pruning the overlapped attribute does not hold on every path. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;

namespace TreyResearch.LabInstrumentHub
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class Native
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6;
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr socket(int af, int type, int protocol);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern int listen(IntPtr s, int backlog);
        [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);
        [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
        [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, uint len, IntPtr ov, IntPtr cr);
        [DllImport("fwpuclnt.dll")] public static extern int WSAImpersonateSocketPeer(IntPtr s, IntPtr peerAddr, uint peerAddrLen);
        [DllImport("fwpuclnt.dll")] public static extern int WSARevertImpersonation();
    }

    public sealed class HubSettings { public bool AuthorizePeers { get; set; } public ushort Port { get; set; } }
    public interface IInstrumentAcl { bool CallerMayAttach(); }
    public interface IInstrumentHub { void Attach(IntPtr instrument); }

    public sealed class InstrumentListener
    {
        private readonly HubSettings _settings;
        private readonly IInstrumentAcl _acl;
        private readonly IInstrumentHub _hub;

        public InstrumentListener(HubSettings settings, IInstrumentAcl acl, IInstrumentHub hub) { _settings = settings; _acl = acl; _hub = hub; }

        public void Run(CancellationToken token)
        {
            bool authorize = _settings.AuthorizePeers;
            IntPtr listener = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            if (listener == Native.INVALID_SOCKET) throw new Win32Exception(Native.WSAGetLastError());
            if (authorize)
            {
                // socket() hands out overlapped sockets; WSAImpersonateSocketPeer needs a non-overlapped one (C-IMP-2).
                Native.closesocket(listener);
                listener = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                if (listener == Native.INVALID_SOCKET) throw new Win32Exception(Native.WSAGetLastError());
            }

            if (Native.WSASetSocketSecurity(listener, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");
            var any = new SOCKADDR_IN { sin_family = Native.AF_INET, sin_port = (ushort)IPAddress.HostToNetworkOrder((short)_settings.Port) };
            if (Native.bind(listener, ref any, Marshal.SizeOf<SOCKADDR_IN>()) != 0 || Native.listen(listener, 8) != 0)
                throw new Win32Exception(Native.WSAGetLastError(), "bind/listen");

            while (!token.IsCancellationRequested)
            {
                IntPtr instrument = Native.accept(listener, IntPtr.Zero, IntPtr.Zero);
                if (instrument == Native.INVALID_SOCKET) continue;

                if (authorize)
                {
                    if (Native.WSAImpersonateSocketPeer(instrument, IntPtr.Zero, 0) != 0)
                    {
                        Native.closesocket(instrument);
                        continue;
                    }

                    bool allowed;
                    try { allowed = _acl.CallerMayAttach(); }
                    finally { {|SSX016:Native.WSARevertImpersonation()|}; }

                    if (!allowed)
                    {
                        Native.closesocket(instrument);
                        continue;
                    }
                }

                _hub.Attach(instrument);
            }
        }
    }
}
