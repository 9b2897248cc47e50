// Clean corpus: a raw Winsock TCP server that secures its listening socket before bind, impersonates each
// accepted peer for an authorization check and reverts in finally (C-SEC-2, C-IMP-1, C-IMP-2, C-IMP-3).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Principal;
using System.Text;

namespace CleanCorpus.RawTcpServer;

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

internal static class Native
{
    public const int AF_INET = 2;
    public const int SOCK_STREAM = 1;
    public const int IPPROTO_TCP = 6;
    public const int SOCKET_ERROR = -1;
    public const int SOMAXCONN = 0x7fffffff;
    public const int SOCKET_SECURITY_PROTOCOL_DEFAULT = 0;
    public const uint SOCKET_SETTINGS_GUARANTEE_ENCRYPTION = 0x1;
    public static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

    // Flags 0: no WSA_FLAG_OVERLAPPED, so accepted sockets are blocking and non-overlapped (C-IMP-2).
    [DllImport("ws2_32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint group, uint flags);

    [DllImport("ws2_32.dll", SetLastError = true)]
    public static extern int bind(IntPtr s, ref SOCKADDR_IN name, int namelen);

    [DllImport("ws2_32.dll", SetLastError = true)]
    public static extern int listen(IntPtr s, int backlog);

    [DllImport("ws2_32.dll", SetLastError = true)]
    public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);

    [DllImport("ws2_32.dll", SetLastError = true)]
    public static extern int send(IntPtr s, byte[] buf, int len, int flags);

    [DllImport("ws2_32.dll")]
    public static extern int closesocket(IntPtr s);

    [DllImport("ws2_32.dll")]
    public static extern int WSAGetLastError();

    [DllImport("fwpuclnt.dll", SetLastError = true)]
    public static extern int WSASetSocketSecurity(IntPtr socket, ref SOCKET_SECURITY_SETTINGS securitySettings, int securitySettingsLen, IntPtr overlapped, IntPtr completionRoutine);

    [DllImport("fwpuclnt.dll", SetLastError = true)]
    public static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, int peerAddrLen);

    [DllImport("fwpuclnt.dll", SetLastError = true)]
    public static extern int WSARevertImpersonation();
}

public sealed class RawTcpServer
{
    private readonly ushort port;
    private readonly string requiredGroup;
    private volatile bool stopping;

    public RawTcpServer(ushort port, string requiredGroup)
    {
        this.port = port;
        this.requiredGroup = requiredGroup;
    }

    public void Stop() => stopping = true;

    public unsafe void Run()
    {
        IntPtr listener = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
        if (listener == Native.INVALID_SOCKET)
        {
            throw new Win32Exception(Native.WSAGetLastError());
        }

        try
        {
            var settings = new SOCKET_SECURITY_SETTINGS
            {
                SecurityProtocol = Native.SOCKET_SECURITY_PROTOCOL_DEFAULT,
                SecurityFlags = Native.SOCKET_SETTINGS_GUARANTEE_ENCRYPTION,
            };
            if (Native.WSASetSocketSecurity(listener, ref settings, sizeof(SOCKET_SECURITY_SETTINGS), IntPtr.Zero, IntPtr.Zero) == Native.SOCKET_ERROR)
            {
                throw new Win32Exception(Native.WSAGetLastError());
            }

            var local = new SOCKADDR_IN
            {
                sin_family = Native.AF_INET,
                sin_port = (ushort)System.Net.IPAddress.HostToNetworkOrder((short)port),
                sin_addr = 0,
            };
            if (Native.bind(listener, ref local, sizeof(SOCKADDR_IN)) == Native.SOCKET_ERROR)
            {
                throw new Win32Exception(Native.WSAGetLastError());
            }

            if (Native.listen(listener, Native.SOMAXCONN) == Native.SOCKET_ERROR)
            {
                throw new Win32Exception(Native.WSAGetLastError());
            }

            Console.WriteLine($"listening on port {port}");
            while (!stopping)
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
                    // The accepted socket is connected: impersonate its peer for the authorization check (C-IMP-3).
                    if (Native.WSAImpersonateSocketPeer(client, (IntPtr)(&peer), peerLength) == Native.SOCKET_ERROR)
                    {
                        Console.WriteLine($"cannot impersonate the peer: {Native.WSAGetLastError()}");
                        continue;
                    }

                    bool authorized;
                    try
                    {
                        authorized = IsAuthorized();
                    }
                    finally
                    {
                        if (Native.WSARevertImpersonation() != 0)
                        {
                            Environment.FailFast("WSARevertImpersonation failed; the thread would keep the peer's token.");
                        }
                    }

                    Reply(client, authorized);
                }
                finally
                {
                    Native.closesocket(client);
                }
            }
        }
        finally
        {
            Native.closesocket(listener);
        }
    }

    private bool IsAuthorized()
    {
        using var identity = WindowsIdentity.GetCurrent(TokenAccessLevels.Query);
        bool authorized = new WindowsPrincipal(identity).IsInRole(requiredGroup);
        Console.WriteLine($"peer {identity.Name}: authorized={authorized}");
        return authorized;
    }

    private static void Reply(IntPtr client, bool authorized)
    {
        byte[] reply = Encoding.ASCII.GetBytes(authorized ? "OK\r\n" : "DENIED\r\n");
        if (Native.send(client, reply, reply.Length, 0) == Native.SOCKET_ERROR)
        {
            Console.WriteLine($"send failed: {Native.WSAGetLastError()}");
        }
    }

    public static void Main(string[] args)
    {
        ushort port = args.Length > 0 ? ushort.Parse(args[0]) : (ushort)5150;
        var server = new RawTcpServer(port, @"BUILTIN\Users");
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; server.Stop(); };
        try
        {
            server.Run();
        }
        catch (Win32Exception ex)
        {
            Console.Error.WriteLine($"server failed: {ex.NativeErrorCode} {ex.Message}");
            Environment.ExitCode = 1;
        }
    }
}
