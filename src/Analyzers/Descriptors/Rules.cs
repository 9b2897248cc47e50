using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Descriptors;

/// <summary>
/// The one descriptor factory: id, category, default severity and helpLinkUri (docs/rules/SSXnnn.md) are set here
/// and nowhere else. Titles and messages name the contract clauses (C-XXX-n) the rule enforces.
/// </summary>
internal static class Rules
{
    public const string Category = "Security";
    public const string HelpLinkBase = "https://github.com/SecureSockets/SecureSockets.Analyzers/blob/main/docs/rules/";

    public static readonly DiagnosticDescriptor SSX001 = Create(
        RuleIdentifiers.SecureAfterConnect,
        "WSASetSocketSecurity after bind or connect",
        "Socket '{0}' is secured after it was {1} on some path; WSASetSocketSecurity must come before bind and connect",
        "WSASetSocketSecurity must be called before bind (servers), before connect (clients) and right after the socket is created for connectionless sockets; on a bound or connected socket it fails (C-SEC-1, C-SEC-2, C-SEC-3, C-SEC-6).",
        ruleSet: 1,
        clauses: "C-SEC-1, C-SEC-2, C-SEC-3, C-SEC-6");

    public static readonly DiagnosticDescriptor SSX002 = Create(
        RuleIdentifiers.SecureTwice,
        "WSASetSocketSecurity called more than once on a socket",
        "Socket '{0}' is secured a second time on some path; WSASetSocketSecurity may be called only once per socket",
        "WSASetSocketSecurity may be called only once per socket (C-SEC-4). A retry on the failure path of the first call is not reported.",
        ruleSet: 1,
        clauses: "C-SEC-4");

    public static readonly DiagnosticDescriptor SSX006 = Create(
        RuleIdentifiers.TargetNameAfterConnect,
        "WSASetSocketPeerTargetName on a connected socket",
        "The peer target name of socket '{0}' is set after it was {1} on some path; set it before connect",
        "WSASetSocketPeerTargetName is refused on a connected socket (WSAEISCONN); connection-oriented sockets must call it before connect, connectionless sockets before connecting or the first send-to to that peer (C-TGT-2, C-TGT-3).",
        ruleSet: 1,
        clauses: "C-TGT-2, C-TGT-3");

    public static readonly DiagnosticDescriptor SSX003 = Create(
        RuleIdentifiers.PeerImpersonationNotReverted,
        "Socket peer impersonation not reverted on every path",
        "WSAImpersonateSocketPeer can reach the end of '{0}' without WSARevertImpersonation on some path ({1}); revert in a finally block that covers the work",
        "After the authorization checks the application must call WSARevertImpersonation (C-IMP-1). A revert only in the straight-line code after the work is skipped when the work throws; the thread then keeps the client's identity.",
        ruleSet: 1,
        clauses: "C-IMP-1");

    public static readonly DiagnosticDescriptor SSX004 = Create(
        RuleIdentifiers.ContextImpersonationNotReverted,
        "Security context impersonation not reverted on every path",
        "ImpersonateSecurityContext can reach the end of '{0}' without RevertSecurityContext on some path ({1}); revert in a finally block that covers the work",
        "When done, the server must call RevertSecurityContext (C-SSPI-3). A revert only in the straight-line code after the work is skipped when the work throws; the thread then keeps the client's identity.",
        ruleSet: 1,
        clauses: "C-SSPI-3");

    public static readonly DiagnosticDescriptor SSX005 = Create(
        RuleIdentifiers.ImpersonationFailureNotHandled,
        "Impersonation failure not handled",
        "The result of '{0}' is {1}; on failure the client is not impersonated and the work runs with the server's own rights",
        "If impersonation fails, the client is not impersonated and every later request runs in the server's own context; the caller must check the result and must not execute the client's request on failure (C-SSPI-5, C-ALL-2).",
        ruleSet: 1,
        clauses: "C-SSPI-5, C-ALL-2");

    public static readonly DiagnosticDescriptor SSX007 = Create(
        RuleIdentifiers.SecureCallFailureNotHandled,
        "Secure socket call's failure not handled",
        "The result of '{0}' on socket '{1}' is {2}; on failure the socket talks unsecured",
        "WSASetSocketSecurity and WSASetSocketPeerTargetName report failure only through their return value (C-ALL-2); a failure that is not checked, or whose failure path goes on to bind, connect or send, leaves the socket unsecured or the peer unauthenticated.",
        ruleSet: 1,
        clauses: "C-ALL-2");

    public static readonly DiagnosticDescriptor SSX008 = Create(
        RuleIdentifiers.ThreadSwitchWhileImpersonating,
        "Thread switch while impersonating",
        "'{0}' is reached while the thread may be impersonating; the code after it may run on another thread, and this thread stays impersonated",
        "Impersonation belongs to the calling thread (C-ALL-1). An await or yield return while impersonating lets the continuation run on another thread without the client's identity, and leaves the original thread impersonated.",
        ruleSet: 1,
        clauses: "C-ALL-1");

    public static readonly DiagnosticDescriptor SSX009 = Create(
        RuleIdentifiers.UnsupportedSocketKind,
        "Secure socket API on an unsupported socket kind",
        "'{0}' is called on socket '{1}', which is created with {2} on every path; the secure socket APIs take only AF_INET/AF_INET6 stream or datagram sockets",
        "WSASetSocketSecurity, WSASetSocketPeerTargetName and WSAImpersonateSocketPeer accept only sockets of family AF_INET or AF_INET6 and type SOCK_STREAM or SOCK_DGRAM; on any other socket they fail with WSAEINVAL or WSAEAFNOSUPPORT (C-SEC-5, C-TGT-6, C-IMP-7).",
        ruleSet: 2,
        clauses: "C-SEC-5, C-TGT-6, C-IMP-7");

    public static readonly DiagnosticDescriptor SSX010 = Create(
        RuleIdentifiers.PeerImpersonationOnOverlappedSocket,
        "Peer impersonation on an overlapped or non-blocking socket",
        "WSAImpersonateSocketPeer is called on socket '{0}', which {1}; peer impersonation works only on blocking, non-overlapped sockets",
        "WSAImpersonateSocketPeer is only for blocking, non-overlapped sockets (C-IMP-2). socket() and every .NET Socket have the overlapped attribute, and so does a socket accepted from them; only WSASocket without WSA_FLAG_OVERLAPPED gives a socket this API takes. ioctlsocket(FIONBIO), Socket.Blocking = false, WSAEventSelect and WSAAsyncSelect make a socket non-blocking.",
        ruleSet: 2,
        clauses: "C-IMP-2");

    public static readonly DiagnosticDescriptor SSX011 = Create(
        RuleIdentifiers.PeerImpersonationBeforeConnection,
        "Peer impersonation before the connection exists",
        "WSAImpersonateSocketPeer is called on socket '{0}', {1}",
        "On a connection-oriented socket WSAImpersonateSocketPeer must be called after the connection is established: on the socket that accept, WSAAccept or AcceptEx returned, or after connect (C-IMP-3); the listening socket has no peer. On a connectionless socket it must be given the peer's address: a null PeerAddr fails with WSAEFAULT (C-IMP-4, C-IMP-5).",
        ruleSet: 2,
        clauses: "C-IMP-3, C-IMP-4, C-IMP-5");

    public static readonly DiagnosticDescriptor SSX012 = Create(
        RuleIdentifiers.IpsecDefaultProtocol,
        "IPsec settings with the default security protocol",
        "SOCKET_SECURITY_SETTINGS_IPSEC '{0}' is passed with SecurityProtocol SOCKET_SECURITY_PROTOCOL_DEFAULT; set it to SOCKET_SECURITY_PROTOCOL_IPSEC",
        "With SOCKET_SECURITY_SETTINGS_IPSEC the SecurityProtocol must be SOCKET_SECURITY_PROTOCOL_IPSEC (C-SEC-8): the IPsec-specific settings (AuthIP policy keys, credentials, flags) are ignored or refused with the default protocol. To use the system defaults, pass SOCKET_SECURITY_SETTINGS or no settings at all.",
        ruleSet: 2,
        clauses: "C-SEC-8");

    public static readonly DiagnosticDescriptor SSX013 = Create(
        RuleIdentifiers.SettingsLengthMismatch,
        "Settings length does not match the settings passed",
        "The length passed with '{0}' is {1}, but the structure passed is {2}; pass the size of the structure passed",
        "The length argument of WSASetSocketSecurity and WSASetSocketPeerTargetName must be the size of the structure passed (C-SEC-7): a mismatched size makes the call read past the structure or refuse it (WSAEINVAL, WSAEMSGSIZE), and the socket stays unsecured.",
        ruleSet: 2,
        clauses: "C-SEC-7");

    public static readonly DiagnosticDescriptor SSX014 = Create(
        RuleIdentifiers.ImpersonatingClientContext,
        "Impersonating a client-side security context",
        "ImpersonateSecurityContext is called with '{0}', which on every path was last written by InitializeSecurityContext; only a server-side context from AcceptSecurityContext can be impersonated",
        "ImpersonateSecurityContext takes the context handle a server got from AcceptSecurityContext (C-SSPI-1). A handle written by InitializeSecurityContext is the client side of a handshake: impersonating it fails, or impersonates the wrong principal in a loopback test harness.",
        ruleSet: 2,
        clauses: "C-SSPI-1");

    public static readonly DiagnosticDescriptor SSX015 = Create(
        RuleIdentifiers.ConnectWithoutTargetName,
        "Secured client connects without a peer target name",
        "Socket '{0}' is secured and connects without a peer target name; set one with WSASetSocketPeerTargetName before connect so the peer is authenticated",
        "A client that secures a socket should name the peer it expects with WSASetSocketPeerTargetName before connect: without it the peer's identity is not checked and a trusted man-in-the-middle can answer (C-TGT-1).",
        ruleSet: 2,
        clauses: "C-TGT-1",
        severity: DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor SSX016 = Create(
        RuleIdentifiers.RevertResultDiscarded,
        "Revert failure not handled",
        "The result of '{0}' is discarded; if the revert fails the thread keeps running as the client",
        "A revert (RevertSecurityContext, WSARevertImpersonation, RevertToSelf, SetThreadToken with a null token) reports failure only through its result (C-SSPI-3, C-ALL-2). A failed revert leaves the thread impersonating the client; .NET's WindowsIdentity.RunImpersonated fails fast in that case. A helper that returns its revert's status hands the check to its caller.",
        ruleSet: 2,
        clauses: "C-SSPI-3, C-ALL-2",
        severity: DiagnosticSeverity.Info);

    /// <summary>The custom tag that names a rule's rule set (the Strict preset it joined: <c>RuleSet1</c>, …).</summary>
    public const string RuleSetTagPrefix = "RuleSet";

    // The descriptor: its rule set (the Strict preset the rule joined, i.e. the release that added it: a build pinned to an
    // earlier set never sees it as an error) and the contract clause ids it enforces ride along as custom tags, for the
    // generated tables and presets.
    private static DiagnosticDescriptor Create(string id, string title, string message, string description, int ruleSet, string clauses,
        DiagnosticSeverity severity = DiagnosticSeverity.Warning)
    {
        var tags = new[] { RuleSetTagPrefix + ruleSet.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Concat(clauses.Split(',').Select(c => c.Trim()))
            .ToArray();
#pragma warning disable RS0030 // The one place a descriptor is constructed.
        return new(id, title, message, Category, severity, isEnabledByDefault: true, description, HelpLinkBase + id + ".md", tags);
#pragma warning restore RS0030
    }
}
