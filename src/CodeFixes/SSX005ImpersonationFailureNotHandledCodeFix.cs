using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using SecureSockets.CodeFixes.Shared;

namespace SecureSockets.CodeFixes;

/// <summary>
/// SSX005 (impersonation failure not handled): ImpersonateSecurityContext / WSAImpersonateSocketPeer: insert, right after the call's statement, a check that throws when the status shows failure
/// (storing a discarded status to a new local first), or add a throw to an existing one-statement failure branch that
/// rejoins the work. No fix for a complex failure branch, a status tested only later, or when the error code cannot be
/// had (a Winsock import without SetLastError and no WSAGetLastError P/Invoke in the compilation).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SSX005ImpersonationFailureNotHandledCodeFix))]
[Shared]
public sealed class SSX005ImpersonationFailureNotHandledCodeFix : RuleCodeFix
{
    /// <summary>Creates the provider.</summary>
    public SSX005ImpersonationFailureNotHandledCodeFix()
        : base(
            Analyzers.Descriptors.Rules.SSX005,
            new FixKind("Throw on failure", "ThrowOnFailure", FailureCheck.Apply))
    {
    }

}
