// Clean corpus: the rule set 2 contracts done right. A server creates its listener with WSASocketW and no
// WSA_FLAG_OVERLAPPED and keeps it blocking (C-IMP-2), secures it with SOCKET_SECURITY_SETTINGS_IPSEC whose protocol is
// SOCKET_SECURITY_PROTOCOL_IPSEC and whose length is the structure's own size (C-SEC-7, C-SEC-8), impersonates the peer
// of the socket accept returned (C-IMP-3), impersonates the context AcceptSecurityContext wrote (C-SSPI-1), and checks
// every revert (C-SSPI-3, C-ALL-2). Its client names the server before connecting (C-TGT-1), and a datagram socket
// impersonates the sender recvfrom returned (C-IMP-5).
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace CleanCorpus.BlockingIpsecServer;

internal enum SOCKET_SECURITY_PROTOCOL
{
    SOCKET_SECURITY_PROTOCOL_DEFAULT,
    SOCKET_SECURITY_PROTOCOL_IPSEC,
    SOCKET_SECURITY_PROTOCOL_IPSEC2,
}

[StructLayout(LayoutKind.Sequential)]
internal struct SOCKET_SECURITY_SETTINGS_IPSEC
{
    public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
    public uint SecurityFlags;
    public uint IpsecFlags;
    public Guid AuthipMMPolicyKey;
    public Guid AuthipQMPolicyKey;
    public Guid Reserved;
    public ulong Reserved2;
    public uint UserNameStringLen;
    public uint DomainNameStringLen;
    public uint PasswordStringLen;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SecHandle
{
    public IntPtr Lower;
    public IntPtr Upper;
}

internal static class Native
{
    public const int AF_INET = 2, SOCK_STREAM = 1, SOCK_DGRAM = 2, IPPROTO_TCP = 6, IPPROTO_UDP = 17;
    public const uint WSA_FLAG_NO_HANDLE_INHERIT = 0x80;
    public const int FIONBIO = unchecked((int)0x8004667E);
    public const int SEC_E_OK = 0;

    [DllImport("ws2_32.dll", SetLastError = true, CharSet = CharSet.Unicode)] public static extern IntPtr WSASocketW(int af, int type, int protocol, IntPtr info, uint group, uint flags);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int bind(IntPtr s, IntPtr name, int namelen);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int listen(IntPtr s, int backlog);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern IntPtr accept(IntPtr s, IntPtr addr, IntPtr addrlen);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int connect(IntPtr s, IntPtr name, int namelen);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int recvfrom(IntPtr s, byte[] buf, int len, int flags, IntPtr from, ref int fromlen);
    [DllImport("ws2_32.dll", SetLastError = true)] public static extern int ioctlsocket(IntPtr s, int cmd, ref uint argp);
    [DllImport("ws2_32.dll")] public static extern int closesocket(IntPtr s);
    [DllImport("ws2_32.dll")] public static extern int WSAGetLastError();
    [DllImport("fwpuclnt.dll", SetLastError = true)] public static extern int WSASetSocketSecurity(IntPtr socket, ref SOCKET_SECURITY_SETTINGS_IPSEC settings, int length, IntPtr overlapped, IntPtr completion);
    [DllImport("fwpuclnt.dll", SetLastError = true)] public static extern int WSASetSocketPeerTargetName(IntPtr socket, IntPtr name, int length, IntPtr overlapped, IntPtr completion);
    [DllImport("fwpuclnt.dll")] public static extern int WSAImpersonateSocketPeer(IntPtr socket, IntPtr peerAddr, int peerAddrLen);
    [DllImport("fwpuclnt.dll")] public static extern int WSARevertImpersonation();
    [DllImport("secur32.dll")] public static extern int AcceptSecurityContext(ref SecHandle credential, IntPtr context, IntPtr input, int flags, int dataRep, ref SecHandle newContext, IntPtr output, out int attributes, out long expiry);
    [DllImport("secur32.dll")] public static extern int ImpersonateSecurityContext(ref SecHandle context);
    [DllImport("secur32.dll")] public static extern int RevertSecurityContext(ref SecHandle context);
}

internal sealed unsafe class Server
{
    private static SOCKET_SECURITY_SETTINGS_IPSEC Settings(Guid mainMode) => new()
    {
        SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC,
        SecurityFlags = 1,
        AuthipMMPolicyKey = mainMode,
    };

    public bool ServeOne(IntPtr address, int length, Guid mainMode, Func<bool> authorize)
    {
        var listener = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, Native.WSA_FLAG_NO_HANDLE_INHERIT);
        uint blocking = 0;
        Native.ioctlsocket(listener, Native.FIONBIO, ref blocking);
        var settings = Settings(mainMode);
        if (Native.WSASetSocketSecurity(listener, ref settings, sizeof(SOCKET_SECURITY_SETTINGS_IPSEC), IntPtr.Zero, IntPtr.Zero) != 0)
        {
            throw new Win32Exception(Native.WSAGetLastError());
        }

        if (Native.bind(listener, address, length) != 0 || Native.listen(listener, 16) != 0)
        {
            throw new Win32Exception(Native.WSAGetLastError());
        }

        var client = Native.accept(listener, IntPtr.Zero, IntPtr.Zero);
        if (Native.WSAImpersonateSocketPeer(client, IntPtr.Zero, 0) != 0)
        {
            Native.closesocket(client);
            return false;
        }

        try
        {
            return authorize();
        }
        finally
        {
            if (Native.WSARevertImpersonation() != 0)
            {
                Environment.FailFast("WSARevertImpersonation failed");
            }
        }
    }

    public bool AuthorizeContext(ref SecHandle credential, IntPtr token, Func<bool> authorize)
    {
        var context = default(SecHandle);
        if (Native.AcceptSecurityContext(ref credential, IntPtr.Zero, token, 0, 0, ref context, IntPtr.Zero, out _, out _) != Native.SEC_E_OK)
        {
            return false;
        }

        if (Native.ImpersonateSecurityContext(ref context) != Native.SEC_E_OK)
        {
            return false;
        }

        try
        {
            return authorize();
        }
        finally
        {
            if (Native.RevertSecurityContext(ref context) != Native.SEC_E_OK)
            {
                Environment.FailFast("RevertSecurityContext failed");
            }
        }
    }

    public IntPtr ConnectNamed(IntPtr address, int length, IntPtr targetName, int targetNameLength, Guid mainMode)
    {
        var s = Native.WSASocketW(Native.AF_INET, Native.SOCK_STREAM, Native.IPPROTO_TCP, IntPtr.Zero, 0, 0);
        var settings = Settings(mainMode);
        if (Native.WSASetSocketSecurity(s, ref settings, sizeof(SOCKET_SECURITY_SETTINGS_IPSEC), IntPtr.Zero, IntPtr.Zero) != 0
            || Native.WSASetSocketPeerTargetName(s, targetName, targetNameLength, IntPtr.Zero, IntPtr.Zero) != 0
            || Native.connect(s, address, length) != 0)
        {
            var error = Native.WSAGetLastError();
            Native.closesocket(s);
            throw new Win32Exception(error);
        }

        return s;
    }

    public bool AuthorizeDatagram(IntPtr local, int length, IntPtr from, byte[] buffer, Func<bool> authorize)
    {
        var u = Native.WSASocketW(Native.AF_INET, Native.SOCK_DGRAM, Native.IPPROTO_UDP, IntPtr.Zero, 0, 0);
        if (Native.bind(u, local, length) != 0)
        {
            throw new Win32Exception(Native.WSAGetLastError());
        }

        var fromLength = 16;
        Native.recvfrom(u, buffer, buffer.Length, 0, from, ref fromLength);
        if (Native.WSAImpersonateSocketPeer(u, from, fromLength) != 0)
        {
            return false;
        }

        try
        {
            return authorize();
        }
        finally
        {
            if (Native.WSARevertImpersonation() != 0)
            {
                Environment.FailFast("WSARevertImpersonation failed");
            }
        }
    }
}
