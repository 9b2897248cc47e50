// Expect: SSX010, SSX016
// Why: SSX010 "created by socket() (Winsock gives it the overlapped attribute by default)": the SMB-style listener is made with socket() through a LibraryImport partial renamed with EntryPoint = "socket" (precision 1), so each accepted session socket is overlapped; the impersonation, renamed ImpersonatePeer (EntryPoint "WSAImpersonateSocketPeer"), is reported. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;

namespace Litware.FileServices.SmbLite
{
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct SOCKADDR_IN6
    {
        public ushort sin6_family;
        public ushort sin6_port;
        public uint sin6_flowinfo;
        public ulong sin6_addr_lo;
        public ulong sin6_addr_hi;
        public uint sin6_scope_id;
    }

    internal static partial class SmbNative
    {
        internal const int AF_INET6 = 23, SOCK_STREAM = 1, IPPROTO_TCP = 6;

        [LibraryImport("ws2_32", EntryPoint = "socket", SetLastError = true)]
        internal static partial nint OpenSocket(int af, int type, int protocol);
        [LibraryImport("ws2_32", EntryPoint = "bind", SetLastError = true)]
        internal static partial int Bind(nint s, ref SOCKADDR_IN6 name, int namelen);
        [LibraryImport("ws2_32", EntryPoint = "listen", SetLastError = true)]
        internal static partial int Listen(nint s, int backlog);
        [LibraryImport("ws2_32", EntryPoint = "accept", SetLastError = true)]
        internal static partial nint Accept(nint s, nint addr, nint addrlen);
        [LibraryImport("ws2_32", EntryPoint = "closesocket")]
        internal static partial int Close(nint s);
        [LibraryImport("ws2_32", EntryPoint = "WSAGetLastError")]
        internal static partial int GetLastError();

        [LibraryImport("fwpuclnt", EntryPoint = "WSASetSocketSecurity")]
        internal static partial int SecureSocket(nint s, nint settings, uint settingsLen, nint overlapped, nint completion);
        [LibraryImport("fwpuclnt", EntryPoint = "WSAImpersonateSocketPeer")]
        internal static partial int ImpersonatePeer(nint s, nint peerAddr, uint peerAddrLen);
        [LibraryImport("fwpuclnt", EntryPoint = "WSARevertImpersonation")]
        internal static partial int RevertImpersonation();
    }

    // The generated half of the LibraryImport partials (what the source generator writes).
    internal static unsafe partial class SmbNative
    {
        internal static partial nint OpenSocket(int af, int type, int protocol) => __PInvoke(af, type, protocol);
        [DllImport("ws2_32", EntryPoint = "socket", ExactSpelling = true)] private static extern nint __PInvoke(int af, int type, int protocol);
        internal static partial int Bind(nint s, ref SOCKADDR_IN6 name, int namelen) { fixed (SOCKADDR_IN6* p = &name) return __Bind(s, p, namelen); }
        [DllImport("ws2_32", EntryPoint = "bind", ExactSpelling = true)] private static extern int __Bind(nint s, SOCKADDR_IN6* name, int namelen);
        internal static partial int Listen(nint s, int backlog) => __Listen(s, backlog);
        [DllImport("ws2_32", EntryPoint = "listen", ExactSpelling = true)] private static extern int __Listen(nint s, int backlog);
        internal static partial nint Accept(nint s, nint addr, nint addrlen) => __Accept(s, addr, addrlen);
        [DllImport("ws2_32", EntryPoint = "accept", ExactSpelling = true)] private static extern nint __Accept(nint s, nint addr, nint addrlen);
        internal static partial int Close(nint s) => __Close(s);
        [DllImport("ws2_32", EntryPoint = "closesocket", ExactSpelling = true)] private static extern int __Close(nint s);
        internal static partial int GetLastError() => __GetLastError();
        [DllImport("ws2_32", EntryPoint = "WSAGetLastError", ExactSpelling = true)] private static extern int __GetLastError();
        internal static partial int SecureSocket(nint s, nint settings, uint settingsLen, nint overlapped, nint completion) => __SecureSocket(s, settings, settingsLen, overlapped, completion);
        [DllImport("fwpuclnt", EntryPoint = "WSASetSocketSecurity", ExactSpelling = true)] private static extern int __SecureSocket(nint s, nint settings, uint settingsLen, nint overlapped, nint completion);
        internal static partial int ImpersonatePeer(nint s, nint peerAddr, uint peerAddrLen) => __ImpersonatePeer(s, peerAddr, peerAddrLen);
        [DllImport("fwpuclnt", EntryPoint = "WSAImpersonateSocketPeer", ExactSpelling = true)] private static extern int __ImpersonatePeer(nint s, nint peerAddr, uint peerAddrLen);
        internal static partial int RevertImpersonation() => __RevertImpersonation();
        [DllImport("fwpuclnt", EntryPoint = "WSARevertImpersonation", ExactSpelling = true)] private static extern int __RevertImpersonation();
    }

    public interface ITreeConnectService
    {
        void ServeSession(nint session);
    }

    public sealed class SmbLiteServer
    {
        private readonly ITreeConnectService _trees;

        public SmbLiteServer(ITreeConnectService trees) => _trees = trees;

        public void Serve(ushort port, CancellationToken token)
        {
            nint listener = SmbNative.OpenSocket(SmbNative.AF_INET6, SmbNative.SOCK_STREAM, SmbNative.IPPROTO_TCP);
            if (listener == -1)
                throw new Win32Exception(SmbNative.GetLastError(), "socket");

            try
            {
                if (SmbNative.SecureSocket(listener, 0, 0, 0, 0) != 0)
                    throw new Win32Exception(SmbNative.GetLastError(), "WSASetSocketSecurity");

                var any = new SOCKADDR_IN6 { sin6_family = SmbNative.AF_INET6, sin6_port = (ushort)IPAddress.HostToNetworkOrder((short)port) };
                if (SmbNative.Bind(listener, ref any, Marshal.SizeOf<SOCKADDR_IN6>()) != 0)
                    throw new Win32Exception(SmbNative.GetLastError(), "bind");
                if (SmbNative.Listen(listener, 64) != 0)
                    throw new Win32Exception(SmbNative.GetLastError(), "listen");

                while (!token.IsCancellationRequested)
                {
                    nint session = SmbNative.Accept(listener, 0, 0);
                    if (session == -1)
                        continue;

                    try
                    {
                        if ({|SSX010:SmbNative.ImpersonatePeer(session, 0, 0)|} != 0)
                        {
                            Trace.TraceWarning("SMB session from an unauthenticated peer rejected: {0}", SmbNative.GetLastError());
                            continue;
                        }

                        try
                        {
                            _trees.ServeSession(session);
                        }
                        finally
                        {
                            {|SSX016:SmbNative.RevertImpersonation()|};
                        }
                    }
                    finally
                    {
                        SmbNative.Close(session);
                    }
                }
            }
            finally
            {
                SmbNative.Close(listener);
            }
        }
    }
}
