namespace SecureSockets.Analyzers.Catalog;

/// <summary>
/// The part an argument plays in a recognized call. Every binding style (DllImport, LibraryImport, CsWin32, Vanara,
/// TerraFX, A/W forms, WSAIoctl codes, managed sockets, the wrapper) maps its parameters onto these roles, so a rule asks
/// for a role and never for a position.
/// </summary>
internal enum ArgumentRole
{
    /// <summary>The socket the call acts on (when it is an argument; see <see cref="ApiMethod.SocketSlot"/>).</summary>
    Socket,

    /// <summary>A send-to's destination address.</summary>
    Address,

    /// <summary>A SOCKET_PEER_TARGET_NAME structure (or the buffer that holds it).</summary>
    TargetName,

    TargetNameLength,

    /// <summary>A peer's address given directly (WSAImpersonateSocketPeer's PeerAddr, the wrapper's peer).</summary>
    PeerAddress,

    PeerAddressLength,

    /// <summary>A SOCKET_SECURITY_SETTINGS structure (or the buffer that holds it).</summary>
    Settings,

    SettingsLength,

    /// <summary>A socket creation's address family, type, protocol and flags (socket, WSASocket, new Socket(…)).</summary>
    Family,

    Type,

    Protocol,

    Flags,

    /// <summary>WSAIoctl's and ioctlsocket's control code.</summary>
    Code,

    /// <summary>ioctlsocket's argument: for FIONBIO, the blocking mode (non-zero = non-blocking).</summary>
    Mode,

    /// <summary>An SSPI context handle the call uses (impersonate, revert).</summary>
    Context,

    /// <summary>The handle InitializeSecurityContext / AcceptSecurityContext write the new context to.</summary>
    NewContext,

    /// <summary>AcceptEx's accept socket, connected after the call.</summary>
    AcceptSocket,

    /// <summary>The listening socket an accept takes a connection from (the accepted socket has its attributes).</summary>
    ListeningSocket,

    /// <summary>A modelled library's <c>throw_on_error</c> flag: the call throws on failure only when it is a constant true.</summary>
    ThrowOnError,
}
