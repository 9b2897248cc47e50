using System;
using System.Runtime.InteropServices;

namespace Consumer;

/// <summary>The Winsock and secure socket extension entry points this sample calls (Windows only).</summary>
internal static class NativeMethods
{
    public const int AF_INET = 2;
    public const int SOCK_STREAM = 1;
    public const int SOCK_DGRAM = 2;
    public const int SOCK_RAW = 3;
    public const int IPPROTO_RAW = 255;
    public const uint WSA_FLAG_OVERLAPPED = 0x01;
    public const uint WSA_FLAG_NO_HANDLE_INHERIT = 0x80;
    public const int IPPROTO_TCP = 6;
    public const int IPPROTO_UDP = 17;
    public const int SOCKET_ERROR = -1;
    public const uint SIO_SET_SECURITY = 0x980000C8;

    [DllImport("ws2_32.dll", SetLastError = true)]
    public static extern IntPtr socket(int af, int type, int protocol);

    [DllImport("ws2_32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
    public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr protocolInfo, uint group, uint flags);

    [DllImport("ws2_32.dll", SetLastError = true)]
    public static extern int bind(IntPtr s, IntPtr name, int namelen);

    [DllImport("ws2_32.dll", SetLastError = true)]
    public static extern int listen(IntPtr s, int backlog);

    [DllImport("ws2_32.dll", SetLastError = true)]
    public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);

    [DllImport("ws2_32.dll", SetLastError = true)]
    public static extern int connect(IntPtr s, IntPtr name, int namelen);

    [DllImport("ws2_32.dll", SetLastError = true)]
    public static extern int sendto(IntPtr s, byte[] buf, int len, int flags, IntPtr to, int tolen);

    [DllImport("ws2_32.dll")]
    public static extern int closesocket(IntPtr s);

    [DllImport("ws2_32.dll")]
    public static extern int WSAGetLastError();

    [DllImport("Fwpuclnt.dll", SetLastError = true)]
    public static extern int WSASetSocketSecurity(IntPtr socket, IntPtr securitySettings, int securitySettingsLen, IntPtr overlapped, IntPtr completionRoutine);

    [DllImport("Fwpuclnt.dll", SetLastError = true)]
    public static extern int WSASetSocketPeerTargetName(IntPtr socket, IntPtr peerTargetName, int peerTargetNameLen, IntPtr overlapped, IntPtr completionRoutine);

    [DllImport("Fwpuclnt.dll")]
    public static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, int peerAddrLen);

    [DllImport("Fwpuclnt.dll")]
    public static extern int WSARevertImpersonation();

    public const int SEC_E_OK = 0;

    [DllImport("secur32.dll")]
    public static extern int ImpersonateSecurityContext(ref SecHandle context);

    [DllImport("secur32.dll")]
    public static extern int RevertSecurityContext(ref SecHandle context);

    [DllImport("secur32.dll", CharSet = CharSet.Unicode)]
    public static extern int InitializeSecurityContextW(ref SecHandle credential, IntPtr context, string targetName, int contextRequirements, int reserved1, int targetDataRepresentation, IntPtr input, int reserved2, ref SecHandle newContext, IntPtr output, out int contextAttributes, out long expiry);
}

/// <summary>An SSPI context handle (SecHandle / CtxtHandle): two pointer-sized words.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SecHandle
{
    public IntPtr Lower;
    public IntPtr Upper;
}
