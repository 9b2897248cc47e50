using System;
using System.ComponentModel;
using static Consumer.NativeMethods;

namespace Consumer;

/// <summary>An IPsec-secured TCP server.</summary>
internal static class SecureServer
{
    // Correct (C-SEC-2): the listening socket is secured before bind; accepted sockets inherit it.
    public static IntPtr Listen(IntPtr localAddress, int addressLength)
    {
        var listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (WSASetSocketSecurity(listener, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        if (bind(listener, localAddress, addressLength) != 0 || listen(listener, 16) != 0)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        return listener;
    }

    // Misuse: bind first, secure second (C-SEC-2).
    public static IntPtr BindThenSecure(IntPtr localAddress, int addressLength)
    {
        var listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (bind(listener, localAddress, addressLength) != 0)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        if (WSASetSocketSecurity(listener, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) // SSX001
        {
            throw new Win32Exception(WSAGetLastError());
        }

        return listener;
    }
}
