// Clean corpus: the client flow (secure, name the peer, connect, send) with [LibraryImport] partial bindings.
// The generated half is written out because the testing compiler runs no source generator.
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace CleanCorpus.LibraryImportBindings;

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

internal static partial class Interop
{
    public const int AF_INET = 2, SOCK_STREAM = 1, IPPROTO_TCP = 6;
    public const int SOCKET_ERROR = -1;
    public static readonly nint INVALID_SOCKET = -1;

    [LibraryImport("ws2_32.dll", SetLastError = true)]
    public static partial nint socket(int af, int type, int protocol);

    [LibraryImport("ws2_32.dll", SetLastError = true)]
    public static partial int connect(nint s, nint name, int namelen);

    [LibraryImport("ws2_32.dll", SetLastError = true)]
    public static partial int send(nint s, nint buf, int len, int flags);

    [LibraryImport("ws2_32.dll")]
    public static partial int closesocket(nint s);

    [LibraryImport("ws2_32.dll")]
    public static partial int WSAGetLastError();

    [LibraryImport("Fwpuclnt.dll", SetLastError = true)]
    public static partial int WSASetSocketSecurity(nint socket, nint securitySettings, uint securitySettingsLen, nint overlapped, nint completionRoutine);

    [LibraryImport("fwpuclnt.dll", EntryPoint = "WSASetSocketPeerTargetName", SetLastError = true)]
    public static partial int SetPeerTargetName(nint socket, nint peerTargetName, uint peerTargetNameLen, nint overlapped, nint completionRoutine);
}

// What the LibraryImport generator would emit.
internal static partial class Interop
{
    public static partial nint socket(int af, int type, int protocol)
    {
        return __PInvoke(af, type, protocol);
        [DllImport("ws2_32.dll", EntryPoint = "socket", ExactSpelling = true)]
        static extern nint __PInvoke(int af, int type, int protocol);
    }

    public static partial int connect(nint s, nint name, int namelen)
    {
        return __PInvoke(s, name, namelen);
        [DllImport("ws2_32.dll", EntryPoint = "connect", ExactSpelling = true)]
        static extern int __PInvoke(nint s, nint name, int namelen);
    }

    public static partial int send(nint s, nint buf, int len, int flags)
    {
        return __PInvoke(s, buf, len, flags);
        [DllImport("ws2_32.dll", EntryPoint = "send", ExactSpelling = true)]
        static extern int __PInvoke(nint s, nint buf, int len, int flags);
    }

    public static partial int closesocket(nint s)
    {
        return __PInvoke(s);
        [DllImport("ws2_32.dll", EntryPoint = "closesocket", ExactSpelling = true)]
        static extern int __PInvoke(nint s);
    }

    public static partial int WSAGetLastError()
    {
        return __PInvoke();
        [DllImport("ws2_32.dll", EntryPoint = "WSAGetLastError", ExactSpelling = true)]
        static extern int __PInvoke();
    }

    public static partial int WSASetSocketSecurity(nint socket, nint securitySettings, uint securitySettingsLen, nint overlapped, nint completionRoutine)
    {
        return __PInvoke(socket, securitySettings, securitySettingsLen, overlapped, completionRoutine);
        [DllImport("Fwpuclnt.dll", EntryPoint = "WSASetSocketSecurity", ExactSpelling = true)]
        static extern int __PInvoke(nint socket, nint securitySettings, uint securitySettingsLen, nint overlapped, nint completionRoutine);
    }

    public static partial int SetPeerTargetName(nint socket, nint peerTargetName, uint peerTargetNameLen, nint overlapped, nint completionRoutine)
    {
        return __PInvoke(socket, peerTargetName, peerTargetNameLen, overlapped, completionRoutine);
        [DllImport("fwpuclnt.dll", EntryPoint = "WSASetSocketPeerTargetName", ExactSpelling = true)]
        static extern int __PInvoke(nint socket, nint peerTargetName, uint peerTargetNameLen, nint overlapped, nint completionRoutine);
    }
}

public static unsafe class LibraryImportClient
{
    public static void SendSecurely(IPEndPoint server, nint targetName, uint targetNameLength, string message)
    {
        nint s = Interop.socket(Interop.AF_INET, Interop.SOCK_STREAM, Interop.IPPROTO_TCP);
        if (s == Interop.INVALID_SOCKET)
        {
            throw new Win32Exception(Interop.WSAGetLastError());
        }

        try
        {
            var settings = new SOCKET_SECURITY_SETTINGS { SecurityProtocol = 0 };
            if (Interop.WSASetSocketSecurity(s, (nint)(&settings), (uint)sizeof(SOCKET_SECURITY_SETTINGS), 0, 0) != 0)
            {
                throw new Win32Exception(Interop.WSAGetLastError());
            }

            int rc = Interop.SetPeerTargetName(s, targetName, targetNameLength, 0, 0);
            if (rc == Interop.SOCKET_ERROR)
            {
                throw new Win32Exception(Interop.WSAGetLastError());
            }

            var address = new SOCKADDR_IN
            {
                sin_family = Interop.AF_INET,
                sin_port = (ushort)IPAddress.HostToNetworkOrder((short)server.Port),
                sin_addr = BitConverter.ToUInt32(server.Address.GetAddressBytes(), 0),
            };
            if (Interop.connect(s, (nint)(&address), sizeof(SOCKADDR_IN)) == Interop.SOCKET_ERROR)
            {
                throw new Win32Exception(Interop.WSAGetLastError());
            }

            byte[] payload = Encoding.UTF8.GetBytes(message);
            fixed (byte* data = payload)
            {
                int offset = 0;
                while (offset < payload.Length)
                {
                    int sent = Interop.send(s, (nint)(data + offset), payload.Length - offset, 0);
                    if (sent == Interop.SOCKET_ERROR)
                    {
                        throw new Win32Exception(Interop.WSAGetLastError());
                    }

                    offset += sent;
                }
            }

            Console.WriteLine($"sent {payload.Length} bytes to {server}");
        }
        finally
        {
            Interop.closesocket(s);
        }
    }
}
