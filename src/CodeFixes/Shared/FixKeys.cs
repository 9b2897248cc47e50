namespace SecureSockets.CodeFixes.Shared;

/// <summary>The equivalence keys of the fixes: Fix All applies the fix with the same key everywhere.</summary>
internal static class FixKeys
{
    public const string SSX001Move = "SSX001.MoveBeforeConnect";
    public const string SSX001UseApply = "SSX001.UseSocketSecurityApply";
    public const string SSX002Remove = "SSX002.RemoveRepeatedCall";
    public const string SSX003RevertInFinally = "SSX003.RevertInFinally";
    public const string SSX004RevertInFinally = "SSX004.RevertInFinally";
    public const string SSX004UseScope = "SSX004.UseSecurityContextImpersonation";
    public const string SSX005ThrowOnFailure = "SSX005.ThrowOnFailure";
    public const string SSX006Move = "SSX006.MoveBeforeConnect";
    public const string SSX007ThrowOnFailure = "SSX007.ThrowOnFailure";
}
