// Clean corpus: an SSPI (Negotiate) server. The context comes from AcceptSecurityContext (C-SSPI-1); every
// ImpersonateSecurityContext result is checked before the client's request runs (C-SSPI-5) and every
// impersonation is reverted on every path (C-SSPI-3): in finally, through a disposable scope, or after a
// begin-helper whose caller checks and reverts.
using System;
using System.ComponentModel;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Principal;
using System.Text;

namespace CleanCorpus.SspiServer;

[StructLayout(LayoutKind.Sequential)]
public struct SecHandle { public IntPtr dwLower; public IntPtr dwUpper; }

[StructLayout(LayoutKind.Sequential)]
public struct SecBuffer { public uint cbBuffer; public uint BufferType; public IntPtr pvBuffer; }

[StructLayout(LayoutKind.Sequential)]
public unsafe struct SecBufferDesc { public uint ulVersion; public uint cBuffers; public SecBuffer* pBuffers; }

public readonly struct HRESULT
{
    private readonly int value;
    public HRESULT(int value) => this.value = value;
    public bool Succeeded => value >= 0;
    public bool Failed => value < 0;
    public void ThrowIfFailed() { if (Failed) throw new Win32Exception(value); }
    public override string ToString() => $"0x{value:X8}";
}

internal static class Sspi
{
    public const int SEC_E_OK = 0;
    public const int SEC_I_CONTINUE_NEEDED = 0x00090312;
    public const uint SECPKG_CRED_INBOUND = 1, SECBUFFER_VERSION = 0, SECBUFFER_TOKEN = 2, SECURITY_NATIVE_DREP = 0x10;
    public const uint ASC_REQ_CONFIDENTIALITY = 0x10, ASC_REQ_ALLOCATE_MEMORY = 0x100, ASC_REQ_MUTUAL_AUTH = 0x2;

    [DllImport("secur32.dll", CharSet = CharSet.Unicode)]
    public static extern int AcquireCredentialsHandleW(string? principal, string package, uint credentialUse, IntPtr logonId, IntPtr authData, IntPtr getKeyFn, IntPtr getKeyArgument, ref SecHandle credential, out long expiry);
    [DllImport("secur32.dll")]
    public static extern unsafe int AcceptSecurityContext(ref SecHandle credential, IntPtr context, SecBufferDesc* input, uint contextReq, uint targetDataRep, ref SecHandle newContext, SecBufferDesc* output, out uint contextAttributes, out long expiry);
    [DllImport("secur32.dll")]
    public static extern unsafe int AcceptSecurityContext(ref SecHandle credential, ref SecHandle context, SecBufferDesc* input, uint contextReq, uint targetDataRep, ref SecHandle newContext, SecBufferDesc* output, out uint contextAttributes, out long expiry);
    [DllImport("secur32.dll")] public static extern int ImpersonateSecurityContext(ref SecHandle context);
    [DllImport("secur32.dll")] public static extern int RevertSecurityContext(ref SecHandle context);
    [DllImport("secur32.dll")] public static extern int DeleteSecurityContext(ref SecHandle context);
    [DllImport("secur32.dll")] public static extern int FreeCredentialsHandle(ref SecHandle credential);
    [DllImport("secur32.dll")] public static extern int FreeContextBuffer(IntPtr buffer);
}

/// <summary>The same two functions projected the CsWin32 / Vanara way, returning an HRESULT-like struct.</summary>
internal static class SspiHr
{
    [DllImport("secur32.dll", EntryPoint = "ImpersonateSecurityContext")] public static extern HRESULT ImpersonateSecurityContext(in SecHandle context);
    [DllImport("secur32.dll", EntryPoint = "RevertSecurityContext")] public static extern HRESULT RevertSecurityContext(in SecHandle context);
}

/// <summary>Impersonates on creation and reverts at Dispose; used with <c>using</c>.</summary>
public sealed class ImpersonationScope : IDisposable
{
    private SecHandle context;
    private bool active;

    private ImpersonationScope(SecHandle context) => (this.context, active) = (context, true);

    public static ImpersonationScope Begin(ref SecHandle context)
    {
        int status = Sspi.ImpersonateSecurityContext(ref context);
        if (status != Sspi.SEC_E_OK)
        {
            throw new Win32Exception(status);
        }

        return new ImpersonationScope(context);
    }

    public void Dispose()
    {
        if (active)
        {
            active = false;
            if (Sspi.RevertSecurityContext(ref context) != Sspi.SEC_E_OK)
            {
                Environment.FailFast("RevertSecurityContext failed; the thread would keep running as the client.");
            }
        }
    }
}

public sealed unsafe class SspiServer
{
    public void Run(int port)
    {
        var listener = new TcpListener(IPAddress.Any, port);
        listener.Start();
        try
        {
            while (true)
            {
                using TcpClient client = listener.AcceptTcpClient();
                try
                {
                    HandleClient(client.GetStream());
                }
                catch (Exception ex) when (ex is IOException or Win32Exception)
                {
                    Console.WriteLine($"client {client.Client.RemoteEndPoint} failed: {ex.Message}");
                }
            }
        }
        finally
        {
            listener.Stop();
        }
    }

    private static void HandleClient(Stream stream)
    {
        var credential = new SecHandle();
        int status = Sspi.AcquireCredentialsHandleW(null, "Negotiate", Sspi.SECPKG_CRED_INBOUND, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, ref credential, out _);
        if (status != Sspi.SEC_E_OK)
        {
            throw new Win32Exception(status);
        }

        var context = new SecHandle();
        bool haveContext = false;
        try
        {
            do
            {
                byte[] token = ReadToken(stream);
                fixed (byte* tokenBytes = token)
                {
                    var inBuffer = new SecBuffer { cbBuffer = (uint)token.Length, BufferType = Sspi.SECBUFFER_TOKEN, pvBuffer = (IntPtr)tokenBytes };
                    var outBuffer = new SecBuffer { BufferType = Sspi.SECBUFFER_TOKEN };
                    var input = new SecBufferDesc { ulVersion = Sspi.SECBUFFER_VERSION, cBuffers = 1, pBuffers = &inBuffer };
                    var output = new SecBufferDesc { ulVersion = Sspi.SECBUFFER_VERSION, cBuffers = 1, pBuffers = &outBuffer };
                    uint request = Sspi.ASC_REQ_CONFIDENTIALITY | Sspi.ASC_REQ_ALLOCATE_MEMORY | Sspi.ASC_REQ_MUTUAL_AUTH;
                    status = haveContext
                        ? Sspi.AcceptSecurityContext(ref credential, ref context, &input, request, Sspi.SECURITY_NATIVE_DREP, ref context, &output, out _, out _)
                        : Sspi.AcceptSecurityContext(ref credential, IntPtr.Zero, &input, request, Sspi.SECURITY_NATIVE_DREP, ref context, &output, out _, out _);
                    if (status != Sspi.SEC_E_OK && status != Sspi.SEC_I_CONTINUE_NEEDED)
                    {
                        throw new Win32Exception(status);
                    }

                    haveContext = true;
                    if (outBuffer.cbBuffer > 0)
                    {
                        WriteToken(stream, new ReadOnlySpan<byte>((void*)outBuffer.pvBuffer, (int)outBuffer.cbBuffer));
                        Sspi.FreeContextBuffer(outBuffer.pvBuffer);
                    }
                }
            }
            while (status == Sspi.SEC_I_CONTINUE_NEEDED);

            status = Sspi.ImpersonateSecurityContext(ref context);
            if (status != Sspi.SEC_E_OK)
            {
                throw new Win32Exception(status);
            }

            string user;
            try
            {
                user = WindowsIdentity.GetCurrent().Name;
                Console.WriteLine($"authenticated {user}");
            }
            finally
            {
                int revert = Sspi.RevertSecurityContext(ref context);
                if (revert != Sspi.SEC_E_OK)
                {
                    Environment.FailFast($"RevertSecurityContext failed: 0x{revert:X8}");
                }
            }

            bool canRead = CanOpen(ref context, Path.Combine("C:\\Shares", "reports.txt"));
            string who = ClientName(context);
            using (ImpersonationScope.Begin(ref context))
            {
                Directory.CreateDirectory(Path.Combine("C:\\Shares\\Home", user.Replace('\\', '_')));
            }

            WriteToken(stream, Encoding.UTF8.GetBytes($"hello {who}, reports readable: {canRead}"));
        }
        finally
        {
            if (haveContext)
            {
                Sspi.DeleteSecurityContext(ref context);
            }

            Sspi.FreeCredentialsHandle(ref credential);
        }
    }

    /// <summary>Starts impersonation for its caller; the caller checks the status and reverts.</summary>
    private static int BeginImpersonation(ref SecHandle h) => Sspi.ImpersonateSecurityContext(ref h);

    private static bool CanOpen(ref SecHandle context, string path)
    {
        int status = BeginImpersonation(ref context);
        if (status != Sspi.SEC_E_OK)
        {
            throw new Win32Exception(status);
        }

        try
        {
            using FileStream file = File.OpenRead(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        finally
        {
            if (Sspi.RevertSecurityContext(ref context) != Sspi.SEC_E_OK)
            {
                Environment.FailFast("RevertSecurityContext failed");
            }
        }
    }

    private static string ClientName(SecHandle context)
    {
        SspiHr.ImpersonateSecurityContext(in context).ThrowIfFailed();
        try
        {
            return WindowsIdentity.GetCurrent().Name;
        }
        finally
        {
            HRESULT revert = SspiHr.RevertSecurityContext(in context);
            if (revert.Failed)
            {
                Environment.FailFast($"RevertSecurityContext failed: {revert}");
            }
        }
    }

    private static byte[] ReadToken(Stream stream)
    {
        var header = new byte[4];
        stream.ReadExactly(header);
        int length = IPAddress.NetworkToHostOrder(BitConverter.ToInt32(header, 0));
        if (length is <= 0 or > 65536)
        {
            throw new IOException($"bad token length {length}");
        }

        var token = new byte[length];
        stream.ReadExactly(token);
        return token;
    }

    private static void WriteToken(Stream stream, ReadOnlySpan<byte> token)
    {
        stream.Write(BitConverter.GetBytes(IPAddress.HostToNetworkOrder(token.Length)));
        stream.Write(token);
        stream.Flush();
    }
}
