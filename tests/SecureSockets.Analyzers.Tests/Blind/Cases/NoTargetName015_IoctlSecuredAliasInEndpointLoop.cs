// Expect: SSX015
// Why: C-SEC-10 (WSAIoctl with SIO_SET_SECURITY written as int -1744830264 counts as WSASetSocketSecurity) + precision 14 (`IntPtr conn = s;` is the same socket): every fresh socket of the failover loop is secured (failure throws) and then connected through the alias with no target name (C-TGT-1); one report at the single connect call.
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace WideWorldImporters.Edi.Uplink
{
    [StructLayout(LayoutKind.Sequential)]
    public struct SOCKADDR_IN
    {
        public short sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    internal static class Ws2
    {
        public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
        public const int SIO_SET_SECURITY = -1744830264; // _WSAIOW(IOC_VENDOR, 200)
        public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint g, uint flags);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int WSAIoctl(IntPtr s, int code, IntPtr inBuffer, int inLength, IntPtr outBuffer, int outLength,
            out int bytesReturned, IntPtr overlapped, IntPtr completion);
        [DllImport("ws2_32.dll", SetLastError = true)]
        public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);
        [DllImport("ws2_32.dll")]
        public static extern int closesocket(IntPtr s);
        [DllImport("ws2_32.dll")]
        public static extern int WSAGetLastError();
    }

    public sealed class EdiUplink
    {
        private readonly Action<string> _log;

        public EdiUplink(Action<string> log) => _log = log;

        public IntPtr ConnectToVan(IEnumerable<SOCKADDR_IN> vanEndpoints)
        {
            foreach (SOCKADDR_IN endpoint in vanEndpoints)
            {
                IntPtr s = Ws2.WSASocketW(Ws2.AF_INET, Ws2.SOCK_STREAM, Ws2.IPPROTO_TCP, IntPtr.Zero, 0, 0);
                if (s == Ws2.INVALID_SOCKET)
                    throw new Win32Exception(Ws2.WSAGetLastError(), "WSASocketW");

                if (Ws2.WSAIoctl(s, Ws2.SIO_SET_SECURITY, IntPtr.Zero, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero) == Ws2.SOCKET_ERROR)
                {
                    int error = Ws2.WSAGetLastError();
                    Ws2.closesocket(s);
                    throw new Win32Exception(error, "SIO_SET_SECURITY");
                }

                IntPtr conn = s;
                SOCKADDR_IN target = endpoint;
                if ({|SSX015:Ws2.connect(conn, ref target, Marshal.SizeOf<SOCKADDR_IN>())|} == 0)
                    return conn;

                _log($"VAN endpoint {target.sin_addr:X8} unreachable ({Ws2.WSAGetLastError()}), trying next");
                Ws2.closesocket(conn);
            }

            throw new InvalidOperationException("No VAN endpoint reachable");
        }
    }
}
