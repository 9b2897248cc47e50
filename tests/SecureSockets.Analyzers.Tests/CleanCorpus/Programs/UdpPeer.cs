// Clean corpus: a connectionless peer. The UDP socket is secured right after creation (C-SEC-3), gets one
// target name per peer before the first sendto to that peer (C-TGT-3, C-TGT-4), and impersonates the sender
// of each datagram with the address recvfrom returned (C-IMP-4, C-IMP-5), reverting in finally (C-IMP-1).
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Principal;
using System.Text;

namespace CleanCorpus.UdpPeer;

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

[StructLayout(LayoutKind.Sequential)]
internal struct SOCKET_PEER_TARGET_NAME
{
    public int SecurityProtocol;
    public IntPtr PeerAddress;
    public uint PeerTargetNameStringLen;
}

internal static class Native
{
    public const int AF_INET = 2, SOCK_DGRAM = 2, IPPROTO_UDP = 17;
    public const int SOCKET_ERROR = -1;
    public const int SOCKET_SECURITY_PROTOCOL_DEFAULT = 0;
    public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

    [DllImport("ws2_32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint group, uint flags);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, IntPtr name, int namelen);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int sendto(IntPtr s, byte[] buf, int len, int flags, IntPtr to, int tolen);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int recvfrom(IntPtr s, byte[] buf, int len, int flags, IntPtr from, ref int fromlen);
    [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
    [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
    [DllImport("fwpuclnt.dll", SetLastError = true)]
    public static extern int WSASetSocketSecurity(IntPtr socket, IntPtr securitySettings, int securitySettingsLen, IntPtr overlapped, IntPtr completionRoutine);
    [DllImport("fwpuclnt.dll", SetLastError = true)]
    public static extern int WSASetSocketPeerTargetName(IntPtr socket, IntPtr peerTargetName, int peerTargetNameLen, IntPtr overlapped, IntPtr completionRoutine);
    [DllImport("fwpuclnt.dll", SetLastError = true)]
    public static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, int peerAddrLen);
    [DllImport("fwpuclnt.dll", SetLastError = true)]
    public static extern int WSARevertImpersonation();
}

public sealed unsafe class UdpPeer : IDisposable
{
    private readonly IntPtr socket;
    private readonly Dictionary<IPEndPoint, IntPtr> named = new();

    public UdpPeer(ushort localPort)
    {
        socket = Native.WSASocketW(Native.AF_INET, Native.SOCK_DGRAM, Native.IPPROTO_UDP, IntPtr.Zero, 0, 0);
        if (socket == Native.INVALID_SOCKET)
        {
            throw new Win32Exception(Native.WSAGetLastError());
        }

        var settings = new SOCKET_SECURITY_SETTINGS { SecurityProtocol = Native.SOCKET_SECURITY_PROTOCOL_DEFAULT };
        if (Native.WSASetSocketSecurity(socket, (IntPtr)(&settings), sizeof(SOCKET_SECURITY_SETTINGS), IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
        {
            int error = Native.WSAGetLastError();
            Native.closesocket(socket);
            throw new Win32Exception(error);
        }

        var local = new SOCKADDR_IN { sin_family = Native.AF_INET, sin_port = (ushort)IPAddress.HostToNetworkOrder((short)localPort) };
        if (Native.bind(socket, (IntPtr)(&local), sizeof(SOCKADDR_IN)) == Native.SOCKET_ERROR)
        {
            int error = Native.WSAGetLastError();
            Native.closesocket(socket);
            throw new Win32Exception(error);
        }
    }

    /// <summary>Names every peer once, before the first datagram to it, then sends the greeting.</summary>
    public void Greet(IReadOnlyList<(IPEndPoint EndPoint, string Spn)> peers, string text)
    {
        byte[] payload = Encoding.UTF8.GetBytes(text);
        foreach (var (endPoint, spn) in peers)
        {
            IntPtr peerAddress = Allocate(endPoint);
            int nameBytes = spn.Length * sizeof(char);
            int length = sizeof(SOCKET_PEER_TARGET_NAME) + nameBytes;
            IntPtr target = Marshal.AllocHGlobal(length);
            var header = (SOCKET_PEER_TARGET_NAME*)target;
            header->SecurityProtocol = Native.SOCKET_SECURITY_PROTOCOL_DEFAULT;
            header->PeerAddress = peerAddress;
            header->PeerTargetNameStringLen = (uint)nameBytes;
            fixed (char* chars = spn)
            {
                Buffer.MemoryCopy(chars, (byte*)target + sizeof(SOCKET_PEER_TARGET_NAME), nameBytes, nameBytes);
            }

            int rc = Native.WSASetSocketPeerTargetName(socket, target, length, IntPtr.Zero, IntPtr.Zero);
            Marshal.FreeHGlobal(target);
            if (rc == Native.SOCKET_ERROR)
            {
                Console.WriteLine($"cannot name peer {endPoint} as {spn}: {Native.WSAGetLastError()}");
                Marshal.FreeHGlobal(peerAddress);
                continue;
            }

            named[endPoint] = peerAddress;
            if (Native.sendto(socket, payload, payload.Length, 0, peerAddress, sizeof(SOCKADDR_IN)) == Native.SOCKET_ERROR)
            {
                Console.WriteLine($"sendto {endPoint} failed: {Native.WSAGetLastError()}");
            }
        }
    }

    /// <summary>Receives datagrams and answers each sender the local policy authorizes.</summary>
    public void ServeRequests(int count, string requiredGroup)
    {
        var buffer = new byte[1500];
        for (int i = 0; i < count; i++)
        {
            SOCKADDR_IN from = default;
            int fromLength = sizeof(SOCKADDR_IN);
            int received = Native.recvfrom(socket, buffer, buffer.Length, 0, (IntPtr)(&from), ref fromLength);
            if (received == Native.SOCKET_ERROR)
            {
                Console.WriteLine($"recvfrom failed: {Native.WSAGetLastError()}");
                continue;
            }

            if (Native.WSAImpersonateSocketPeer(socket, (IntPtr)(&from), fromLength) == Native.SOCKET_ERROR)
            {
                Console.WriteLine($"datagram from an unauthenticated peer dropped: {Native.WSAGetLastError()}");
                continue;
            }

            bool allowed;
            try
            {
                using var identity = WindowsIdentity.GetCurrent(TokenAccessLevels.Query);
                allowed = new WindowsPrincipal(identity).IsInRole(requiredGroup);
            }
            finally
            {
                if (Native.WSARevertImpersonation() != 0)
                {
                    Environment.FailFast("WSARevertImpersonation failed");
                }
            }

            Console.WriteLine($"{received} bytes from a peer, allowed={allowed}");
            byte[] answer = Encoding.UTF8.GetBytes(allowed ? "ACK" : "NAK");
            if (Native.sendto(socket, answer, answer.Length, 0, (IntPtr)(&from), fromLength) == Native.SOCKET_ERROR)
            {
                Console.WriteLine($"reply failed: {Native.WSAGetLastError()}");
            }
        }
    }

    private static IntPtr Allocate(IPEndPoint endPoint)
    {
        IntPtr address = Marshal.AllocHGlobal(sizeof(SOCKADDR_IN));
        *(SOCKADDR_IN*)address = new SOCKADDR_IN
        {
            sin_family = Native.AF_INET,
            sin_port = (ushort)IPAddress.HostToNetworkOrder((short)endPoint.Port),
            sin_addr = BitConverter.ToUInt32(endPoint.Address.GetAddressBytes(), 0),
        };
        return address;
    }

    public void Dispose()
    {
        Native.closesocket(socket);
        foreach (IntPtr address in named.Values)
        {
            Marshal.FreeHGlobal(address);
        }
    }
}
