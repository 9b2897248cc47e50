// Clean corpus: a raw Winsock client that retries with a NEW socket on every attempt; each socket is secured
// once and given the server's SPN before connect (C-SEC-1, C-SEC-4, C-TGT-1, C-TGT-3), through the functions
// or through WSAIoctl(SIO_SET_SECURITY / SIO_SET_PEER_TARGET_NAME) (C-SEC-10, C-TGT-7).
using System;
using System.ComponentModel;
using System.IO;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace CleanCorpus.RawTcpClientWithRetry;

[StructLayout(LayoutKind.Sequential)]
internal struct SOCKADDR_IN
{
    public short sin_family;
    public ushort sin_port;
    public uint sin_addr;
    public ulong sin_zero;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SOCKET_SECURITY_SETTINGS
{
    public int SecurityProtocol;
    public uint SecurityFlags;
}

/// <summary>The fixed part of SOCKET_PEER_TARGET_NAME; the SPN (AllStrings) follows it in the same buffer.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SOCKET_PEER_TARGET_NAME
{
    public int SecurityProtocol;
    public fixed byte PeerAddress[128];
    public uint PeerTargetNameStringLen;
}

internal static class Native
{
    public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6;
    public const int SOCKET_ERROR = -1;
    public const int SOCKET_SECURITY_PROTOCOL_DEFAULT = 0;
    public const uint SIO_SET_SECURITY = 0x980000C8;
    public const uint SIO_SET_PEER_TARGET_NAME = 0x980000CA;
    public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

    [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr socket(int af, int type, int protocol);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int send(IntPtr s, byte[] buf, int len, int flags);
    [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
    [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
    [DllImport("ws2_32.dll", SetLastError = true)]
    public static extern int WSAIoctl(IntPtr s, uint code, IntPtr inBuffer, int inLength, IntPtr outBuffer, int outLength, out int bytesReturned, IntPtr overlapped, IntPtr completion);
    [DllImport("fwpuclnt.dll", SetLastError = true)]
    public static extern int WSASetSocketSecurity(IntPtr socket, IntPtr securitySettings, int securitySettingsLen, IntPtr overlapped, IntPtr completionRoutine);
    [DllImport("fwpuclnt.dll", SetLastError = true)]
    public static extern int WSASetSocketPeerTargetName(IntPtr socket, IntPtr peerTargetName, int peerTargetNameLen, IntPtr overlapped, IntPtr completionRoutine);
}

public static unsafe class RetryingClient
{
    public static IntPtr ConnectWithRetry(IPEndPoint server, string spn, int maxAttempts)
    {
        SOCKADDR_IN address = ToSockaddr(server);
        for (int attempt = 1; attempt <= maxAttempts; attempt++)
        {
            IntPtr s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            if (s == Native.INVALID_SOCKET)
            {
                throw new Win32Exception(Native.WSAGetLastError());
            }

            bool connected = false;
            try
            {
                bool secured = false;
                var settings = new SOCKET_SECURITY_SETTINGS { SecurityProtocol = Native.SOCKET_SECURITY_PROTOCOL_DEFAULT };
                int rc = Native.WSASetSocketSecurity(s, (IntPtr)(&settings), sizeof(SOCKET_SECURITY_SETTINGS), IntPtr.Zero, IntPtr.Zero);
                if (rc == 0)
                {
                    secured = true;
                }
                else
                {
                    Console.WriteLine($"attempt {attempt}: WSASetSocketSecurity failed with {Native.WSAGetLastError()}");
                }

                if (!secured)
                {
                    continue;
                }

                IntPtr name = BuildTargetName(spn, out int nameLength);
                try
                {
                    if (Native.WSASetSocketPeerTargetName(s, name, nameLength, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                    {
                        Console.WriteLine($"attempt {attempt}: WSASetSocketPeerTargetName failed with {Native.WSAGetLastError()}");
                        continue;
                    }
                }
                finally
                {
                    Marshal.FreeHGlobal(name);
                }

                if (Native.connect(s, ref address, sizeof(SOCKADDR_IN)) == Native.SOCKET_ERROR)
                {
                    Console.WriteLine($"attempt {attempt}: connect failed with {Native.WSAGetLastError()}; retrying");
                    Thread.Sleep(TimeSpan.FromMilliseconds(200 * attempt));
                    continue;
                }

                connected = true;
                return s;
            }
            finally
            {
                if (!connected)
                {
                    Native.closesocket(s);
                }
            }
        }

        throw new IOException($"could not connect securely to {server} after {maxAttempts} attempts");
    }

    /// <summary>The same flow through WSAIoctl control codes, as code written against older headers does.</summary>
    public static IntPtr ConnectWithRetryIoctl(IPEndPoint server, string spn, int maxAttempts)
    {
        SOCKADDR_IN address = ToSockaddr(server);
        Exception? last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++)
        {
            IntPtr s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
            if (s == Native.INVALID_SOCKET)
            {
                throw new Win32Exception(Native.WSAGetLastError());
            }

            try
            {
                var settings = new SOCKET_SECURITY_SETTINGS { SecurityProtocol = Native.SOCKET_SECURITY_PROTOCOL_DEFAULT };
                if (Native.WSAIoctl(s, Native.SIO_SET_SECURITY, (IntPtr)(&settings), sizeof(SOCKET_SECURITY_SETTINGS), IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
                {
                    throw new Win32Exception(Native.WSAGetLastError());
                }

                IntPtr name = BuildTargetName(spn, out int nameLength);
                int rc = Native.WSAIoctl(s, Native.SIO_SET_PEER_TARGET_NAME, name, nameLength, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero);
                Marshal.FreeHGlobal(name);
                if (rc == Native.SOCKET_ERROR)
                {
                    throw new Win32Exception(Native.WSAGetLastError());
                }

                if (Native.connect(s, ref address, sizeof(SOCKADDR_IN)) == Native.SOCKET_ERROR)
                {
                    throw new Win32Exception(Native.WSAGetLastError());
                }

                return s;
            }
            catch (Win32Exception ex)
            {
                Native.closesocket(s);
                last = ex;
                Console.WriteLine($"attempt {attempt} failed: {ex.NativeErrorCode}");
            }
        }

        throw new IOException($"could not connect securely to {server}", last);
    }

    private static IntPtr BuildTargetName(string spn, out int length)
    {
        int nameBytes = spn.Length * sizeof(char);
        length = sizeof(SOCKET_PEER_TARGET_NAME) + nameBytes;
        IntPtr buffer = Marshal.AllocHGlobal(length);
        var header = (SOCKET_PEER_TARGET_NAME*)buffer;
        *header = default;
        header->SecurityProtocol = Native.SOCKET_SECURITY_PROTOCOL_DEFAULT;
        header->PeerTargetNameStringLen = (uint)nameBytes;
        fixed (char* chars = spn)
        {
            Buffer.MemoryCopy(chars, (byte*)buffer + sizeof(SOCKET_PEER_TARGET_NAME), nameBytes, nameBytes);
        }

        return buffer;
    }

    private static SOCKADDR_IN ToSockaddr(IPEndPoint endPoint) => new SOCKADDR_IN
    {
        sin_family = Native.AF_INET,
        sin_port = (ushort)IPAddress.HostToNetworkOrder((short)endPoint.Port),
        sin_addr = BitConverter.ToUInt32(endPoint.Address.GetAddressBytes(), 0),
    };

    public static void Main()
    {
        var server = new IPEndPoint(IPAddress.Loopback, 5150);
        IntPtr s = ConnectWithRetry(server, "host/server.contoso.com", maxAttempts: 5);
        try
        {
            byte[] request = Encoding.ASCII.GetBytes("HELLO\r\n");
            if (Native.send(s, request, request.Length, 0) == Native.SOCKET_ERROR)
            {
                Console.WriteLine($"send failed: {Native.WSAGetLastError()}");
            }
        }
        finally
        {
            Native.closesocket(s);
        }
    }
}
