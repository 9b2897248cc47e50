// Clean corpus: System.Net.Sockets code that secures through the socket's handle before Connect/ConnectAsync,
// Bind/Listen or TcpListener.Start (C-SEC-1, C-SEC-2), names the server before connecting (C-TGT-3), and awaits
// freely because nothing here impersonates (C-ALL-1).
using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CleanCorpus.ManagedClientServer;

[StructLayout(LayoutKind.Sequential)]
internal struct SOCKET_SECURITY_SETTINGS
{
    public int SecurityProtocol;
    public uint SecurityFlags;
}

internal static class Fwp
{
    public const int SOCKET_ERROR = -1;
    public const int SOCKET_SECURITY_PROTOCOL_DEFAULT = 0;

    [DllImport("fwpuclnt.dll", SetLastError = true)]
    public static extern int WSASetSocketSecurity(IntPtr socket, ref SOCKET_SECURITY_SETTINGS settings, int settingsLen, IntPtr overlapped, IntPtr completionRoutine);

    [DllImport("fwpuclnt.dll", SetLastError = true)]
    public static extern int WSASetSocketPeerTargetName(IntPtr socket, IntPtr peerTargetName, int peerTargetNameLen, IntPtr overlapped, IntPtr completionRoutine);

    [DllImport("ws2_32.dll")]
    public static extern int WSAGetLastError();
}

public static class ManagedClientServer
{
    private static SOCKET_SECURITY_SETTINGS DefaultSettings() => new() { SecurityProtocol = Fwp.SOCKET_SECURITY_PROTOCOL_DEFAULT };

    public static async Task<string> RequestAsync(IPEndPoint server, IntPtr targetName, int targetNameLength, string request, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var settings = DefaultSettings();
        if (Fwp.WSASetSocketSecurity(socket.Handle, ref settings, Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>(), IntPtr.Zero, IntPtr.Zero) == Fwp.SOCKET_ERROR)
        {
            throw new SocketException(Fwp.WSAGetLastError());
        }

        if (Fwp.WSASetSocketPeerTargetName(socket.Handle, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero) == Fwp.SOCKET_ERROR)
        {
            throw new SocketException(Fwp.WSAGetLastError());
        }

        await socket.ConnectAsync(server, ct);
        await socket.SendAsync(Encoding.UTF8.GetBytes(request), SocketFlags.None, ct);
        var buffer = new byte[4096];
        int read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
        Console.WriteLine($"received {read} bytes from {server}");
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    public static void RequestBlocking(IPEndPoint server, IntPtr targetName, int targetNameLength)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            var settings = DefaultSettings();
            int rc = Fwp.WSASetSocketSecurity(socket.SafeHandle.DangerousGetHandle(), ref settings, Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>(), IntPtr.Zero, IntPtr.Zero);
            if (rc != 0)
            {
                throw new SocketException(Fwp.WSAGetLastError());
            }

            rc = Fwp.WSASetSocketPeerTargetName(socket.Handle, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero);
            if (rc != 0)
            {
                throw new SocketException(Fwp.WSAGetLastError());
            }

            socket.Connect(server);
            socket.Send(Encoding.ASCII.GetBytes("PING\r\n"));
        }
        catch (SocketException ex)
        {
            Console.WriteLine($"request to {server} failed: {ex.SocketErrorCode}");
            throw;
        }
        finally
        {
            socket.Dispose();
        }
    }

    public static async Task ServeAsync(int port, CancellationToken ct)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var settings = DefaultSettings();
        if (Fwp.WSASetSocketSecurity(listener.Handle, ref settings, Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>(), IntPtr.Zero, IntPtr.Zero) == Fwp.SOCKET_ERROR)
        {
            throw new SocketException(Fwp.WSAGetLastError());
        }

        listener.Bind(new IPEndPoint(IPAddress.Any, port));
        listener.Listen(128);
        Console.WriteLine($"serving on {listener.LocalEndPoint}");
        while (!ct.IsCancellationRequested)
        {
            Socket client = await listener.AcceptAsync(ct);
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    var buffer = new byte[1024];
                    int read = await client.ReceiveAsync(buffer, SocketFlags.None, ct);
                    await client.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, ct);
                }
            }, ct);
        }
    }

    public static async Task ServeWithTcpListenerAsync(int port, CancellationToken ct)
    {
        var listener = new TcpListener(IPAddress.Any, port);
        var settings = DefaultSettings();
        if (Fwp.WSASetSocketSecurity(listener.Server.Handle, ref settings, Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>(), IntPtr.Zero, IntPtr.Zero) == Fwp.SOCKET_ERROR)
        {
            throw new SocketException(Fwp.WSAGetLastError());
        }

        listener.Start();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using TcpClient client = await listener.AcceptTcpClientAsync(ct);
                using var reader = new StreamReader(client.GetStream(), Encoding.UTF8, leaveOpen: true);
                string? line = await reader.ReadLineAsync(ct);
                Console.WriteLine($"{client.Client.RemoteEndPoint}: {line}");
            }
        }
        finally
        {
            listener.Stop();
        }
    }

    public static async Task<TcpClient> OpenClientAsync(IPAddress address, int port, IntPtr targetName, int targetNameLength, CancellationToken ct)
    {
        var client = new TcpClient(AddressFamily.InterNetwork);
        try
        {
            var settings = DefaultSettings();
            if (Fwp.WSASetSocketSecurity(client.Client.Handle, ref settings, Marshal.SizeOf<SOCKET_SECURITY_SETTINGS>(), IntPtr.Zero, IntPtr.Zero) == Fwp.SOCKET_ERROR)
            {
                throw new SocketException(Fwp.WSAGetLastError());
            }

            if (Fwp.WSASetSocketPeerTargetName(client.Client.Handle, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero) == Fwp.SOCKET_ERROR)
            {
                throw new SocketException(Fwp.WSAGetLastError());
            }

            await client.ConnectAsync(address, port, ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
