// Clean corpus: a file server that authorizes each request as the socket's peer. The peer is impersonated on
// the accepted, blocking socket (C-IMP-2, C-IMP-3) with the result checked (C-ALL-2); the file is opened under
// the peer's token in try and WSARevertImpersonation runs in finally (C-IMP-1), before any per-client catch.
using System;
using System.ComponentModel;
using System.IO;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace CleanCorpus.SocketPeerAuthorizationServer;

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

    [DllImport("ws2_32.dll", SetLastError = true)]
    public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint group, uint flags);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, IntPtr name, int namelen);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int listen(IntPtr s, int backlog);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int recv(IntPtr s, byte[] buf, int len, int flags);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int send(IntPtr s, byte[] buf, int len, int flags);
    [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
    [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
    [DllImport("fwpuclnt.dll")] public static extern int WSASetSocketSecurity(IntPtr socket, IntPtr settings, int settingsLen, IntPtr overlapped, IntPtr completionRoutine);
    [DllImport("fwpuclnt.dll")] public static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, int peerAddrLen);
    [DllImport("fwpuclnt.dll")] public static extern int WSARevertImpersonation();
}

public sealed unsafe class SocketPeerAuthorizationServer
{
    private readonly string root;
    private readonly IntPtr listener;

    public SocketPeerAuthorizationServer(string root, ushort port)
    {
        this.root = root;
        listener = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
        if (listener == Native.INVALID_SOCKET)
        {
            throw new Win32Exception(Native.WSAGetLastError());
        }

        // Null settings: the default IPsec policy (C-SEC-7), before bind (C-SEC-2).
        if (Native.WSASetSocketSecurity(listener, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0
            || !Bind(listener, port)
            || Native.listen(listener, 64) != 0)
        {
            int error = Native.WSAGetLastError();
            Native.closesocket(listener);
            throw new Win32Exception(error);
        }
    }

    private static bool Bind(IntPtr s, ushort port)
    {
        var local = new SOCKADDR_IN { sin_family = Native.AF_INET, sin_port = (ushort)IPAddress.HostToNetworkOrder((short)port) };
        return Native.bind(s, (IntPtr)(&local), sizeof(SOCKADDR_IN)) == 0;
    }

    public void Serve(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            SOCKADDR_IN peer = default;
            int peerLength = sizeof(SOCKADDR_IN);
            IntPtr client = Native.accept(listener, (IntPtr)(&peer), (IntPtr)(&peerLength));
            if (client == Native.INVALID_SOCKET)
            {
                Console.WriteLine($"accept failed: {Native.WSAGetLastError()}");
                continue;
            }

            try
            {
                string requested = ReadLine(client);
                string path = Path.Combine(root, Path.GetFileName(requested));

                if (Native.WSAImpersonateSocketPeer(client, (IntPtr)(&peer), peerLength) == Native.SOCKET_ERROR)
                {
                    throw new Win32Exception(Native.WSAGetLastError(), "peer impersonation failed");
                }

                byte[] content;
                try
                {
                    // The ACL check happens here, as the peer.
                    content = File.ReadAllBytes(path);
                }
                finally
                {
                    if (Native.WSARevertImpersonation() == Native.SOCKET_ERROR)
                    {
                        Environment.FailFast("WSARevertImpersonation failed");
                    }
                }

                SendAll(client, Encoding.ASCII.GetBytes($"200 {content.Length}\r\n"));
                SendAll(client, content);
            }
            catch (UnauthorizedAccessException)
            {
                Console.WriteLine("denied: peer may not read the requested file");
                TrySend(client, "403\r\n");
            }
            catch (FileNotFoundException ex)
            {
                Console.WriteLine($"not found: {ex.FileName}");
                TrySend(client, "404\r\n");
            }
            catch (Win32Exception ex)
            {
                Console.WriteLine($"client dropped: {ex.Message} ({ex.NativeErrorCode})");
            }
            catch (IOException ex)
            {
                Console.WriteLine($"I/O error: {ex.Message}");
            }
            finally
            {
                Native.closesocket(client);
            }
        }
    }

    /// <summary>The same check in a method that reports the outcome instead of throwing.</summary>
    internal bool MayRead(IntPtr client, SOCKADDR_IN* peer, int peerLength, string path)
    {
        int rc = Native.WSAImpersonateSocketPeer(client, (IntPtr)peer, peerLength);
        if (rc != 0)
        {
            Console.WriteLine($"impersonation failed: {Native.WSAGetLastError()}");
            return false;
        }

        try
        {
            using FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        finally
        {
            if (Native.WSARevertImpersonation() != 0)
            {
                Environment.FailFast("WSARevertImpersonation failed");
            }
        }
    }

    private static string ReadLine(IntPtr client)
    {
        var buffer = new byte[512];
        int received = Native.recv(client, buffer, buffer.Length, 0);
        if (received == Native.SOCKET_ERROR)
        {
            throw new Win32Exception(Native.WSAGetLastError());
        }

        return Encoding.ASCII.GetString(buffer, 0, received).TrimEnd('\r', '\n');
    }

    private static void SendAll(IntPtr client, byte[] data)
    {
        if (Native.send(client, data, data.Length, 0) == Native.SOCKET_ERROR)
        {
            throw new Win32Exception(Native.WSAGetLastError());
        }
    }

    private static void TrySend(IntPtr client, string text)
    {
        byte[] data = Encoding.ASCII.GetBytes(text);
        if (Native.send(client, data, data.Length, 0) == Native.SOCKET_ERROR)
        {
            Console.WriteLine($"send failed: {Native.WSAGetLastError()}");
        }
    }
}
