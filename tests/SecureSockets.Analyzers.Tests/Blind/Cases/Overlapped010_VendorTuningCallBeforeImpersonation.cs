// Expect: SSX016
// Why: RULES precision 9 "Calls into other assemblies are opaque" + "A rule that cannot decide stays silent": the accepted socket comes from a non-overlapped listener (WSASocketW flags 0); the vendor library's AcmeTune_ApplyProfile may change its I/O mode, but nothing visible makes it non-blocking, so SSX010 cannot be decided and stays silent. SSX016 (added with that rule): a revert whose result is discarded (C-SSPI-3, C-ALL-2).
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;

namespace Lamna.Healthcare.ImagingRelay
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

    /// <summary>Third-party TCP tuning SDK shipped with the PACS appliance.</summary>
    internal static class AcmeNetTune
    {
        [DllImport("acmenettune.dll", CharSet = CharSet.Ansi)]
        public static extern int AcmeTune_ApplyProfile(IntPtr socket, string profileName);
    }

    public interface IDicomAssociationHandler { void Associate(IntPtr connection); }

    public sealed class DicomRelayListener
    {
        private readonly IDicomAssociationHandler _handler;

        public DicomRelayListener(IDicomAssociationHandler handler) => _handler = handler;

        public void Run(ushort port, CancellationToken token)
        {
            IntPtr listener = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
            if (listener == Native.INVALID_SOCKET) throw new Win32Exception(Native.WSAGetLastError());
            if (Native.WSASetSocketSecurity(listener, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity");
            var any = new SOCKADDR_IN { sin_family = Native.AF_INET, sin_port = (ushort)IPAddress.HostToNetworkOrder((short)port) };
            if (Native.bind(listener, ref any, Marshal.SizeOf<SOCKADDR_IN>()) != 0 || Native.listen(listener, 16) != 0)
                throw new Win32Exception(Native.WSAGetLastError(), "bind/listen");

            while (!token.IsCancellationRequested)
            {
                IntPtr modality = Native.accept(listener, IntPtr.Zero, IntPtr.Zero);
                if (modality == Native.INVALID_SOCKET) continue;
                try
                {
                    if (AcmeNetTune.AcmeTune_ApplyProfile(modality, "dicom-large-transfer") != 0)
                        Console.Error.WriteLine("AcmeNetTune profile not applied; continuing with defaults");

                    if (Native.WSAImpersonateSocketPeer(modality, IntPtr.Zero, 0) != 0)
                        continue;
                    try { _handler.Associate(modality); }
                    finally { {|SSX016:Native.WSARevertImpersonation()|}; }
                }
                finally
                {
                    Native.closesocket(modality);
                }
            }
        }
    }
}
