using System;

namespace SecureSockets.Interop
{
    /// <summary>Documented Win32 values the wrapper and its simulator share.</summary>
    internal static class NativeConstants
    {
        internal const int SOCKET_ERROR = -1;
        internal static readonly IntPtr INVALID_SOCKET = new IntPtr(-1);

        internal const int AF_INET = 2;
        internal const int AF_INET6 = 23;
        internal const int SOCK_STREAM = 1;
        internal const int SOCK_DGRAM = 2;
        internal const int IPPROTO_TCP = 6;
        internal const int IPPROTO_UDP = 17;

        internal const uint WSA_FLAG_OVERLAPPED = 0x01;

        internal const int SOL_SOCKET = 0xffff;
        internal const int SO_ACCEPTCONN = 0x0002;
        internal const int SO_TYPE = 0x1008;
        internal const int SO_PROTOCOL_INFOW = 0x2005;

        /// <summary>sizeof(WSAPROTOCOL_INFOW).</summary>
        internal const int WSAPROTOCOL_INFOW_Size = 628;
        internal const int WSAPROTOCOL_INFOW_AddressFamilyOffset = 76;
        internal const int WSAPROTOCOL_INFOW_SocketTypeOffset = 88;
        internal const int WSAPROTOCOL_INFOW_ProtocolOffset = 92;

        internal const int WSAEFAULT = 10014;
        internal const int WSAEINVAL = 10022;
        internal const int WSAENOTSOCK = 10038;
        internal const int WSAEMSGSIZE = 10040;
        internal const int WSAEAFNOSUPPORT = 10047;
        internal const int WSAEISCONN = 10056;
        internal const int WSAENOTCONN = 10057;
        internal const int WSANOTINITIALISED = 10093;

        internal const int SEC_E_OK = 0;
        internal const int SEC_E_INVALID_HANDLE = unchecked((int)0x80090301);
        internal const int SEC_E_UNSUPPORTED_FUNCTION = unchecked((int)0x80090302);
        internal const int SEC_E_NO_IMPERSONATION = unchecked((int)0x8009030B);

        internal const int ERROR_NO_TOKEN = 1008;

        internal const uint TOKEN_DUPLICATE = 0x0002;
        internal const uint TOKEN_IMPERSONATE = 0x0004;
        internal const uint TOKEN_QUERY = 0x0008;

        /// <summary>sizeof(SOCKET_SECURITY_SETTINGS): SecurityProtocol + SecurityFlags.</summary>
        internal const int SecuritySettingsSize = 8;

        /// <summary>FIELD_OFFSET(SOCKET_SECURITY_SETTINGS_IPSEC, AllStrings).</summary>
        internal const int IpsecSettingsStringsOffset = 84;

        /// <summary>sizeof(SOCKET_SECURITY_SETTINGS_IPSEC) (the header, padded to 8).</summary>
        internal const int IpsecSettingsSize = 88;

        /// <summary>FIELD_OFFSET(SOCKET_PEER_TARGET_NAME, PeerAddress): SOCKADDR_STORAGE is 8-aligned.</summary>
        internal const int PeerTargetNameAddressOffset = 8;

        /// <summary>sizeof(SOCKADDR_STORAGE).</summary>
        internal const int SockAddrStorageSize = 128;

        /// <summary>FIELD_OFFSET(SOCKET_PEER_TARGET_NAME, PeerTargetNameStringLen).</summary>
        internal const int PeerTargetNameLengthOffset = 136;

        /// <summary>FIELD_OFFSET(SOCKET_PEER_TARGET_NAME, AllStrings).</summary>
        internal const int PeerTargetNameStringsOffset = 140;

        /// <summary>sizeof(SOCKET_PEER_TARGET_NAME) (the header, padded to 8).</summary>
        internal const int PeerTargetNameSize = 144;
    }
}
