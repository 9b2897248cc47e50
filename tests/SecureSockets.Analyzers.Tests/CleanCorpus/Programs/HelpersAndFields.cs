// Clean corpus: securing and connecting through helper methods called in the right order, local functions,
// a socket held in a field and secured in the constructor before another method connects it, and aliases.
// Every socket is secured once (C-SEC-4), before its connect (C-SEC-1), and named before it (C-TGT-3).
using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;

namespace CleanCorpus.HelpersAndFields;

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
    public const int SOCKET_ERROR = -1;
    public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

    [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr socket(int af, int type, int protocol);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int connect(IntPtr s, ref SOCKADDR_IN name, int namelen);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int send(IntPtr s, byte[] buf, int len, int flags);
    [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
    [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
    [DllImport("fwpuclnt.dll", SetLastError = true)]
    public static extern int WSASetSocketSecurity(IntPtr socket, IntPtr securitySettings, int securitySettingsLen, IntPtr overlapped, IntPtr completionRoutine);
    [DllImport("fwpuclnt.dll", SetLastError = true)]
    public static extern int WSASetSocketPeerTargetName(IntPtr socket, IntPtr peerTargetName, int peerTargetNameLen, IntPtr overlapped, IntPtr completionRoutine);
}

internal static class SocketSetup
{
    public static IntPtr Create()
    {
        IntPtr s = Native.socket(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP);
        if (s == Native.INVALID_SOCKET)
        {
            throw new Win32Exception(Native.WSAGetLastError());
        }

        return s;
    }

    public static void Secure(IntPtr s)
    {
        if (Native.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
        {
            throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketSecurity failed");
        }
    }

    public static void NamePeer(IntPtr s, IntPtr targetName, int targetNameLength)
    {
        int rc = Native.WSASetSocketPeerTargetName(s, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero);
        if (rc != 0)
        {
            throw new Win32Exception(Native.WSAGetLastError(), "WSASetSocketPeerTargetName failed");
        }
    }

    public static void Connect(IntPtr s, IPEndPoint endPoint)
    {
        var address = new SOCKADDR_IN
        {
            sin_family = Native.AF_INET,
            sin_port = (ushort)IPAddress.HostToNetworkOrder((short)endPoint.Port),
            sin_addr = BitConverter.ToUInt32(endPoint.Address.GetAddressBytes(), 0),
        };
        if (Native.connect(s, ref address, 16) == Native.SOCKET_ERROR)
        {
            throw new Win32Exception(Native.WSAGetLastError(), $"connect to {endPoint} failed");
        }
    }

    /// <summary>A helper that does the whole client setup in the right order.</summary>
    public static IntPtr OpenSecured(IPEndPoint endPoint, IntPtr targetName, int targetNameLength)
    {
        IntPtr s = Create();
        try
        {
            Secure(s);
            NamePeer(s, targetName, targetNameLength);
            Connect(s, endPoint);
            return s;
        }
        catch
        {
            Native.closesocket(s);
            throw;
        }
    }
}

/// <summary>A connection whose socket lives in a field: secured and named in the constructor, connected later.</summary>
public sealed class SecureChannel : IDisposable
{
    private readonly IntPtr socket;
    private readonly IPEndPoint endPoint;
    private bool open;

    public SecureChannel(IPEndPoint endPoint, IntPtr targetName, int targetNameLength)
    {
        this.endPoint = endPoint;
        socket = SocketSetup.Create();
        if (Native.WSASetSocketSecurity(socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
        {
            int error = Native.WSAGetLastError();
            Native.closesocket(socket);
            throw new Win32Exception(error);
        }

        SocketSetup.NamePeer(socket, targetName, targetNameLength);
    }

    public void Open()
    {
        if (open)
        {
            return;
        }

        SocketSetup.Connect(socket, endPoint);
        open = true;
        Console.WriteLine($"channel to {endPoint} open");
    }

    public void Send(byte[] data)
    {
        Open();
        if (Native.send(socket, data, data.Length, 0) == Native.SOCKET_ERROR)
        {
            throw new Win32Exception(Native.WSAGetLastError());
        }
    }

    public void Dispose() => Native.closesocket(socket);
}

public static class Callers
{
    public static void HelpersInOrder(IPEndPoint endPoint, IntPtr targetName, int targetNameLength)
    {
        IntPtr s = SocketSetup.Create();
        try
        {
            SocketSetup.Secure(s);
            SocketSetup.NamePeer(s, targetName, targetNameLength);
            SocketSetup.Connect(s, endPoint);
            Console.WriteLine("connected through helpers");
        }
        finally
        {
            Native.closesocket(s);
        }
    }

    public static void LocalFunctions(IPEndPoint endPoint, IntPtr targetName, int targetNameLength)
    {
        IntPtr s = SocketSetup.Create();
        try
        {
            SecureIt(s);
            NameIt(s);
            SocketSetup.Connect(s, endPoint);
        }
        finally
        {
            Native.closesocket(s);
        }

        void SecureIt(IntPtr socket)
        {
            if (Native.WSASetSocketSecurity(socket, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
            {
                throw new Win32Exception(Native.WSAGetLastError());
            }
        }

        void NameIt(IntPtr socket)
        {
            if (Native.WSASetSocketPeerTargetName(socket, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero) != 0)
            {
                throw new Win32Exception(Native.WSAGetLastError());
            }
        }
    }

    public static void Aliases(IPEndPoint endPoint, IntPtr targetName, int targetNameLength)
    {
        IntPtr s = SocketSetup.Create();
        try
        {
            var t = s;
            SocketSetup.Secure(t);
            SocketSetup.NamePeer(s, targetName, targetNameLength);
            var u = t;
            SocketSetup.Connect(u, endPoint);
        }
        finally
        {
            Native.closesocket(s);
        }
    }

    public static void UseChannel(IPEndPoint endPoint, IntPtr targetName, int targetNameLength)
    {
        using var channel = new SecureChannel(endPoint, targetName, targetNameLength);
        channel.Open();
        channel.Send(new byte[] { 1, 2, 3 });
        using var channel2 = new SecureChannel(endPoint, targetName, targetNameLength);
        IntPtr other = SocketSetup.OpenSecured(endPoint, targetName, targetNameLength);
        Native.closesocket(other);
    }
}
