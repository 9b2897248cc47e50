// Clean corpus: bindings that rename the C# method and name the entry point (module names from constants),
// WSAIoctl with int-typed control codes (C-SEC-10, C-TGT-7), and SSPI statuses typed as an enum or uint,
// checked by switch, by Marshal.ThrowExceptionForHR, or returned to the caller; thread-level RevertToSelf.
using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Principal;

namespace CleanCorpus.RenamedAndStatusBindings;

[StructLayout(LayoutKind.Sequential)]
public struct CtxtHandle { public IntPtr dwLower; public IntPtr dwUpper; }

public enum SecurityStatus : uint
{
    OK = 0,
    InvalidHandle = 0x80090301,
    Unsupported = 0x80090302,
    NoImpersonation = 0x8009030B,
}

internal static class Winsock
{
    private const string Ws2 = "ws2_32.dll";
    private const string Fwp = "FWPUCLNT.DLL";
    public const int AF_INET6 = 23, SOCK_STREAM = 1, IPPROTO_TCP = 6, SOCKET_ERROR = -1;
    public const int SIO_SET_SECURITY = -1744830264;
    public const int SIO_SET_PEER_TARGET_NAME = -1744830262;

    [DllImport(Ws2, EntryPoint = "WSASocketW", SetLastError = true)]
    public static extern IntPtr CreateSocket(int af, int type, int protocol, IntPtr info, uint group, uint flags);
    [DllImport(Ws2, EntryPoint = "connect", SetLastError = true)] public static extern int NativeConnect(IntPtr s, IntPtr name, int namelen);
    [DllImport(Ws2, EntryPoint = "closesocket")] public static extern int Close(IntPtr s);
    [DllImport(Ws2, EntryPoint = "WSAGetLastError")] public static extern int LastError();
    [DllImport(Ws2, EntryPoint = "WSAIoctl", SetLastError = true)]
    public static extern int Ioctl(IntPtr s, int code, IntPtr inBuffer, int inLength, IntPtr outBuffer, int outLength, out int bytesReturned, IntPtr overlapped, IntPtr completion);
    [DllImport(Fwp, EntryPoint = "WSASetSocketSecurity")] public static extern int ApplySecurity(IntPtr s, IntPtr settings, int len, IntPtr o, IntPtr c);
    [DllImport(Fwp, EntryPoint = "WSASetSocketPeerTargetName")] public static extern int NameThePeer(IntPtr s, IntPtr name, int len, IntPtr o, IntPtr c);
}

internal static class SspiNative
{
    [DllImport("sspicli.dll", EntryPoint = "ImpersonateSecurityContext")] public static extern SecurityStatus ImpersonateSecurityContext_NT(ref CtxtHandle context);
    [DllImport("sspicli.dll", EntryPoint = "RevertSecurityContext")] public static extern SecurityStatus RevertSecurityContext_NT(ref CtxtHandle context);
    [DllImport("Secur32", EntryPoint = "ImpersonateSecurityContext")] public static extern uint NativeImpersonate(ref CtxtHandle context);
    [DllImport("advapi32.dll", SetLastError = true)] public static extern bool RevertToSelf();
}

public static class RenamedClient
{
    public static IntPtr Connect(IntPtr address, int addressLength, IntPtr targetName, int targetNameLength, bool useIoctl)
    {
        IntPtr s = Winsock.CreateSocket(Winsock.AF_INET6, Winsock.SOCK_STREAM, Winsock.IPPROTO_TCP, IntPtr.Zero, 0, 0);
        if (s == new IntPtr(-1))
        {
            throw new Win32Exception(Winsock.LastError());
        }

        try
        {
            if (useIoctl)
            {
                if (Winsock.Ioctl(s, Winsock.SIO_SET_SECURITY, IntPtr.Zero, 0, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero) < 0)
                {
                    throw new Win32Exception(Winsock.LastError());
                }

                if (Winsock.Ioctl(s, Winsock.SIO_SET_PEER_TARGET_NAME, targetName, targetNameLength, IntPtr.Zero, 0, out _, IntPtr.Zero, IntPtr.Zero) < 0)
                {
                    throw new Win32Exception(Winsock.LastError());
                }
            }
            else
            {
                if (Winsock.ApplySecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0)
                {
                    throw new Win32Exception(Winsock.LastError());
                }

                if (Winsock.NameThePeer(s, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero) != 0)
                {
                    throw new Win32Exception(Winsock.LastError());
                }
            }

            if (Winsock.NativeConnect(s, address, addressLength) == Winsock.SOCKET_ERROR)
            {
                throw new Win32Exception(Winsock.LastError());
            }

            return s;
        }
        catch
        {
            Winsock.Close(s);
            throw;
        }
    }
}

public static class StatusStyles
{
    /// <summary>An enum status checked with a switch; the thread's impersonation ends with RevertToSelf.</summary>
    public static bool TryReadAsClient(ref CtxtHandle context, string path, out string? text)
    {
        text = null;
        switch (SspiNative.ImpersonateSecurityContext_NT(ref context))
        {
            case SecurityStatus.OK:
                break;
            case SecurityStatus.NoImpersonation:
                Console.WriteLine("the package does not support impersonation");
                return false;
            default:
                throw new InvalidOperationException("ImpersonateSecurityContext failed");
        }

        try
        {
            text = File.ReadAllText(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        finally
        {
            if (!SspiNative.RevertToSelf())
            {
                Environment.FailFast("RevertToSelf failed");
            }
        }
    }

    /// <summary>A uint status turned into an exception by Marshal.ThrowExceptionForHR.</summary>
    public static string ClientName(ref CtxtHandle context)
    {
        uint status = SspiNative.NativeImpersonate(ref context);
        Marshal.ThrowExceptionForHR(unchecked((int)status));
        try
        {
            return WindowsIdentity.GetCurrent().Name;
        }
        finally
        {
            SecurityStatus revert = SspiNative.RevertSecurityContext_NT(ref context);
            if (revert != SecurityStatus.OK)
            {
                Environment.FailFast($"RevertSecurityContext failed: {revert}");
            }
        }
    }

    /// <summary>Impersonates only when asked to; the same flag decides the revert (Precision 4).</summary>
    public static void WriteAudit(ref CtxtHandle context, bool asClient, string line)
    {
        bool impersonating = false;
        if (asClient)
        {
            SecurityStatus status = SspiNative.ImpersonateSecurityContext_NT(ref context);
            if (status != SecurityStatus.OK)
            {
                throw new Win32Exception(unchecked((int)status));
            }

            impersonating = true;
        }

        try
        {
            File.AppendAllText("audit.log", line + Environment.NewLine);
        }
        finally
        {
            if (impersonating && SspiNative.RevertSecurityContext_NT(ref context) != SecurityStatus.OK)
            {
                Environment.FailFast("RevertSecurityContext failed");
            }
        }
    }

    /// <summary>Begin-helper: returns the status to its caller, which checks it and reverts.</summary>
    public static SecurityStatus Begin(ref CtxtHandle context) => SspiNative.ImpersonateSecurityContext_NT(ref context);

    public static bool CanWrite(ref CtxtHandle context, string path)
    {
        SecurityStatus status = Begin(ref context);
        if (status != SecurityStatus.OK)
        {
            return false;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        finally
        {
            if (SspiNative.RevertSecurityContext_NT(ref context) != SecurityStatus.OK)
            {
                Environment.FailFast("RevertSecurityContext failed");
            }
        }
    }
}
