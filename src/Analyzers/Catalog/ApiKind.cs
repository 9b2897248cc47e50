namespace SecureSockets.Analyzers.Catalog;

/// <summary>What a recognized call does: a socket event, an impersonation or a revert.</summary>
internal enum ApiKind
{
    None = 0,

    // Socket lifecycle. The socket is an argument, the receiver, or the result (see ApiMethod.SocketSlot).
    CreateFresh,        // socket, WSASocket, new Socket(...), new TcpClient()
    CreateConnected,    // accept, WSAAccept, Socket.Accept, TcpListener.AcceptSocket, new TcpClient(host, port)
    CreateBound,        // new UdpClient(port)
    AcceptInto,         // AcceptEx: its second argument becomes a connected socket
    Bind,
    Listen,
    BindAndListen,      // TcpListener.Start
    Connect,
    SendTo,
    Close,
    SocketMode,         // ioctlsocket(FIONBIO, mode): non-blocking when the mode is non-zero (C-IMP-2)
    NonBlocking,        // WSAEventSelect, WSAAsyncSelect, a non-zero FIONBIO, Socket.Blocking = false (C-IMP-2)
    Blocking,           // ioctlsocket(FIONBIO, 0), Socket.Blocking = true

    // Secure socket extensions (C-SEC-*, C-TGT-*).
    Secure,             // WSASetSocketSecurity, WSAIoctl(SIO_SET_SECURITY) (C-SEC-10), SocketSecurity.Apply
    TargetName,         // WSASetSocketPeerTargetName, WSAIoctl(SIO_SET_PEER_TARGET_NAME) (C-TGT-7)
    Ioctl,              // WSAIoctl whose code is not a constant we know: no event

    // Impersonation (C-IMP-*, C-SSPI-*).
    PeerImpersonate,
    PeerRevert,
    SspiImpersonate,
    SspiRevert,
    ThreadRevert,       // RevertToSelf, SetThreadToken(thread, null)
    AcceptContext,
    InitializeContext,
    QueryContextToken,

    // The bundled runtime wrapper: begins impersonation and hands the revert to the returned scope's Dispose.
    WrapperPeerScope,
    WrapperContextScope,
}

/// <summary>The groups of kinds the pre-filter asks about, defined once for the rule checks, the helper reach and the name index.</summary>
internal static class ApiKinds
{
    /// <summary>Secures or names a socket (directly, or a WSAIoctl whose code decides).</summary>
    public static bool SecuresOrNames(ApiKind kind) => kind is ApiKind.Secure or ApiKind.TargetName or ApiKind.Ioctl;

    /// <summary>Begins an impersonation, directly or through a wrapper's scope.</summary>
    public static bool BeginsImpersonation(ApiKind kind)
        => kind is ApiKind.PeerImpersonate or ApiKind.SspiImpersonate or ApiKind.WrapperPeerScope or ApiKind.WrapperContextScope;

    /// <summary>Ends an impersonation.</summary>
    public static bool Reverts(ApiKind kind) => kind is ApiKind.PeerRevert or ApiKind.SspiRevert or ApiKind.ThreadRevert;

    /// <summary>A call of any of these kinds makes a body worth a flow pass for some rule.</summary>
    public static bool StartsFlow(ApiKind kind) => SecuresOrNames(kind) || BeginsImpersonation(kind) || Reverts(kind);
}
