using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using static Consumer.NativeMethods;

namespace Consumer;

internal enum SOCKET_SECURITY_PROTOCOL
{
    SOCKET_SECURITY_PROTOCOL_DEFAULT,
    SOCKET_SECURITY_PROTOCOL_IPSEC,
    SOCKET_SECURITY_PROTOCOL_IPSEC2,
}

/// <summary>SOCKET_SECURITY_SETTINGS: the protocol and flags only.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SOCKET_SECURITY_SETTINGS
{
    public SOCKET_SECURITY_PROTOCOL SecurityProtocol;
    public uint SecurityFlags;
}

/// <summary>SOCKET_SECURITY_SETTINGS_IPSEC without its variable string tail (no credentials are passed here).</summary>
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

/// <summary>Sockets secured with explicit IPsec settings.</summary>
internal static unsafe class IpsecSettings
{
    private const uint GuaranteeEncryption = 0x1;

    // Correct (C-SEC-7, C-SEC-8): the IPsec protocol and the structure's own size.
    public static void RequireEncryption(IntPtr s, Guid mainModePolicy)
    {
        var settings = new SOCKET_SECURITY_SETTINGS_IPSEC
        {
            SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC,
            SecurityFlags = GuaranteeEncryption,
            AuthipMMPolicyKey = mainModePolicy,
        };
        if (WSASetSocketSecurity(s, (IntPtr)(&settings), sizeof(SOCKET_SECURITY_SETTINGS_IPSEC), IntPtr.Zero, IntPtr.Zero) != 0)
        {
            throw new Win32Exception(WSAGetLastError());
        }
    }

    // Misuse: the IPsec structure is left at SOCKET_SECURITY_PROTOCOL_DEFAULT (C-SEC-8).
    public static void RequireEncryptionDefaultProtocol(IntPtr s, Guid mainModePolicy)
    {
        var settings = new SOCKET_SECURITY_SETTINGS_IPSEC { SecurityFlags = GuaranteeEncryption, AuthipMMPolicyKey = mainModePolicy };
        if (WSASetSocketSecurity(s, (IntPtr)(&settings), sizeof(SOCKET_SECURITY_SETTINGS_IPSEC), IntPtr.Zero, IntPtr.Zero) != 0) // SSX012
        {
            throw new Win32Exception(WSAGetLastError());
        }
    }

    // Misuse: the length is the plain structure's while the IPsec one is passed (C-SEC-7).
    public static void RequireEncryptionWrongLength(IntPtr s)
    {
        var settings = new SOCKET_SECURITY_SETTINGS_IPSEC
        {
            SecurityProtocol = SOCKET_SECURITY_PROTOCOL.SOCKET_SECURITY_PROTOCOL_IPSEC,
            SecurityFlags = GuaranteeEncryption,
        };
        if (WSASetSocketSecurity(s, (IntPtr)(&settings), sizeof(SOCKET_SECURITY_SETTINGS), IntPtr.Zero, IntPtr.Zero) != 0) // SSX013
        {
            throw new Win32Exception(WSAGetLastError());
        }
    }
}
