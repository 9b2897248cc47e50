namespace SecureSockets.Analyzers.Descriptors;

/// <summary>Every rule id, in one place.</summary>
internal static class RuleIdentifiers
{
    public const string SecureAfterConnect = "SSX001";
    public const string SecureTwice = "SSX002";
    public const string PeerImpersonationNotReverted = "SSX003";
    public const string ContextImpersonationNotReverted = "SSX004";
    public const string ImpersonationFailureNotHandled = "SSX005";
    public const string TargetNameAfterConnect = "SSX006";
    public const string SecureCallFailureNotHandled = "SSX007";
    public const string ThreadSwitchWhileImpersonating = "SSX008";
    public const string UnsupportedSocketKind = "SSX009";
    public const string PeerImpersonationOnOverlappedSocket = "SSX010";
    public const string PeerImpersonationBeforeConnection = "SSX011";
    public const string IpsecDefaultProtocol = "SSX012";
    public const string SettingsLengthMismatch = "SSX013";
    public const string ImpersonatingClientContext = "SSX014";
    public const string ConnectWithoutTargetName = "SSX015";
    public const string RevertResultDiscarded = "SSX016";
}
