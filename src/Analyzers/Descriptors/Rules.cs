using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Descriptors;

/// <summary>
/// The one descriptor factory: id, category, default severity and helpLinkUri (docs/rules/SSXnnn.md) are set here
/// and nowhere else. Titles and messages name the contract clauses (CONTRACTS.md) the rule enforces.
/// </summary>
internal static class Rules
{
    public const string Category = "Security";
    public const string HelpLinkBase = "https://github.com/SecureSockets/SecureSockets.Analyzers/blob/main/docs/rules/";

    public static readonly DiagnosticDescriptor SSX001 = Create(
        RuleIdentifiers.SecureAfterConnect,
        "WSASetSocketSecurity after bind or connect",
        "Socket '{0}' is secured after it was {1} on some path; WSASetSocketSecurity must come before bind and connect",
        "WSASetSocketSecurity must be called before bind (servers), before connect (clients) and right after the socket is created for connectionless sockets; on a bound or connected socket it fails (C-SEC-1, C-SEC-2, C-SEC-3, C-SEC-6).");

    public static readonly DiagnosticDescriptor SSX002 = Create(
        RuleIdentifiers.SecureTwice,
        "WSASetSocketSecurity called more than once on a socket",
        "Socket '{0}' is secured a second time on some path; WSASetSocketSecurity may be called only once per socket",
        "WSASetSocketSecurity may be called only once per socket (C-SEC-4). A retry on the failure path of the first call is not reported.");

    public static readonly DiagnosticDescriptor SSX006 = Create(
        RuleIdentifiers.TargetNameAfterConnect,
        "WSASetSocketPeerTargetName on a connected socket",
        "The peer target name of socket '{0}' is set after it was {1} on some path; set it before connect",
        "WSASetSocketPeerTargetName is refused on a connected socket (WSAEISCONN); connection-oriented sockets must call it before connect, connectionless sockets before connecting or the first send-to to that peer (C-TGT-2, C-TGT-3).");

    public static readonly DiagnosticDescriptor[] All = { SSX001, SSX002, SSX006 };

    private static DiagnosticDescriptor Create(string id, string title, string message, string description,
        DiagnosticSeverity severity = DiagnosticSeverity.Warning)
        => new(id, title, message, Category, severity, isEnabledByDefault: true, description, HelpLinkBase + id + ".md");
}
