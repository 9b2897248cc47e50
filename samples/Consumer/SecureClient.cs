using System;
using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using static Consumer.NativeMethods;

namespace Consumer;

/// <summary>An IPsec-secured TCP client, written against raw Winsock and against System.Net.Sockets.</summary>
internal static class SecureClient
{
    // Correct (C-SEC-1): security and the peer's target name are applied before connect.
    public static IntPtr ConnectSecured(IntPtr serverAddress, int addressLength, IntPtr targetName, int targetNameLength)
    {
        var s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == SOCKET_ERROR)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        if (WSASetSocketPeerTargetName(s, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero) == SOCKET_ERROR)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        if (connect(s, serverAddress, addressLength) == SOCKET_ERROR)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        return s;
    }

    // Misuse: security applied after connect fails with WSAEISCONN (C-SEC-1, C-SEC-6).
    public static IntPtr ConnectThenSecure(IntPtr serverAddress, int addressLength)
    {
        var s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (connect(s, serverAddress, addressLength) == SOCKET_ERROR)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        if (WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == SOCKET_ERROR) // SSX001
        {
            throw new Win32Exception(WSAGetLastError());
        }

        return s;
    }

    // Correct: the managed socket is secured and given the server's name through its handle before ConnectAsync.
    public static async System.Threading.Tasks.Task<Socket> ConnectManagedAsync(IPEndPoint server, IntPtr targetName, int targetNameLength)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (WSASetSocketSecurity(socket.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == SOCKET_ERROR)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        if (WSASetSocketPeerTargetName(socket.Handle, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero) == SOCKET_ERROR)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        await socket.ConnectAsync(server);
        return socket;
    }

    // Misuse: the managed socket is connected when it is secured.
    public static Socket ConnectManagedThenSecure(IPEndPoint server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(server);
        if (WSASetSocketSecurity(socket.Handle, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == SOCKET_ERROR) // SSX001
        {
            throw new Win32Exception(WSAGetLastError());
        }

        return socket;
    }

    // Correct (C-SEC-4): one WSASetSocketSecurity per socket.
    public static IntPtr SecureOnce(IntPtr settings, int settingsLength)
    {
        var s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (WSASetSocketSecurity(s, settings, settingsLength, IntPtr.Zero, IntPtr.Zero) != 0)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        return s;
    }

    // Misuse: a second WSASetSocketSecurity on the same socket fails (C-SEC-4).
    public static IntPtr SecureTwice(IntPtr settings, int settingsLength)
    {
        var s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        if (WSASetSocketSecurity(s, settings, settingsLength, IntPtr.Zero, IntPtr.Zero) != 0) // SSX002
        {
            throw new Win32Exception(WSAGetLastError());
        }

        return s;
    }

    // Misuse: the target name is set after connect, when Winsock refuses it (C-TGT-2, C-TGT-3).
    public static IntPtr NameAfterConnect(IntPtr serverAddress, int addressLength, IntPtr targetName, int targetNameLength)
    {
        var s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == SOCKET_ERROR)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        if (connect(s, serverAddress, addressLength) == SOCKET_ERROR) // SSX015
        {
            throw new Win32Exception(WSAGetLastError());
        }

        if (WSASetSocketPeerTargetName(s, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero) == SOCKET_ERROR) // SSX006
        {
            throw new Win32Exception(WSAGetLastError());
        }

        return s;
    }

    // Misuse: a silent downgrade - when IPsec cannot be applied the client connects unsecured anyway (C-ALL-2).
    public static IntPtr ConnectEvenIfUnsecured(IntPtr serverAddress, int addressLength)
    {
        var s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) == SOCKET_ERROR) // SSX007
        {
            Console.WriteLine("IPsec is not available; continuing without it");
        }

        if (connect(s, serverAddress, addressLength) == SOCKET_ERROR)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        return s;
    }
}
