using System;
using System.ComponentModel;
using static Consumer.NativeMethods;

namespace Consumer;

/// <summary>Which sockets the secure socket APIs take, and when a peer can be impersonated.</summary>
internal static class SocketKinds
{
    // Correct (C-IMP-2, C-IMP-3): a blocking, non-overlapped listener; the accepted socket's peer is impersonated.
    public static bool ServeOnePeer(IntPtr localAddress, int addressLength, Func<bool> accessCheck)
    {
        var listener = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, IntPtr.Zero, 0, WSA_FLAG_NO_HANDLE_INHERIT);
        if (bind(listener, localAddress, addressLength) != 0 || listen(listener, 16) != 0)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        var client = accept(listener, IntPtr.Zero, IntPtr.Zero);
        if (WSAImpersonateSocketPeer(client, IntPtr.Zero, 0) != 0)
        {
            return false;
        }

        try
        {
            return accessCheck();
        }
        finally
        {
            if (WSARevertImpersonation() != 0)
            {
                Environment.FailFast("WSARevertImpersonation failed: the thread may still be impersonating the client.");
            }
        }
    }

    // Misuse: a raw socket cannot be secured; the call fails with WSAEINVAL every time (C-SEC-5).
    public static IntPtr SecureRawSocket()
    {
        var s = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
        if (WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) // SSX009
        {
            throw new Win32Exception(WSAGetLastError());
        }

        return s;
    }

    // Misuse: socket() creates overlapped sockets, and the accepted socket inherits that; peer impersonation
    // needs a blocking, non-overlapped socket (C-IMP-2).
    public static bool ImpersonateOnOverlappedSocket(IntPtr localAddress, int addressLength, Func<bool> accessCheck)
    {
        var listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (bind(listener, localAddress, addressLength) != 0 || listen(listener, 16) != 0)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        var client = accept(listener, IntPtr.Zero, IntPtr.Zero);
        if (WSAImpersonateSocketPeer(client, IntPtr.Zero, 0) != 0) // SSX010
        {
            return false;
        }

        try
        {
            return accessCheck();
        }
        finally
        {
            if (WSARevertImpersonation() != 0)
            {
                Environment.FailFast("WSARevertImpersonation failed: the thread may still be impersonating the client.");
            }
        }
    }

    // Misuse: the listening socket has no peer; the accepted socket was meant (C-IMP-3).
    public static bool ImpersonateTheListener(IntPtr localAddress, int addressLength, Func<bool> accessCheck)
    {
        var listener = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, IntPtr.Zero, 0, 0);
        if (bind(listener, localAddress, addressLength) != 0 || listen(listener, 16) != 0)
        {
            throw new Win32Exception(WSAGetLastError());
        }

        var client = accept(listener, IntPtr.Zero, IntPtr.Zero);
        if (WSAImpersonateSocketPeer(listener, IntPtr.Zero, 0) != 0) // SSX011
        {
            closesocket(client);
            return false;
        }

        try
        {
            return accessCheck();
        }
        finally
        {
            if (WSARevertImpersonation() != 0)
            {
                Environment.FailFast("WSARevertImpersonation failed: the thread may still be impersonating the client.");
            }
        }
    }
}
