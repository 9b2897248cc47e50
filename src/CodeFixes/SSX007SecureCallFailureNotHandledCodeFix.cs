using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using SecureSockets.CodeFixes.Shared;

namespace SecureSockets.CodeFixes;

/// <summary>
/// SSX007 (secure socket call's failure not handled): WSASetSocketSecurity / WSASetSocketPeerTargetName / WSAIoctl: insert, right after the call's statement, a check that throws when the status shows failure
/// (storing a discarded status to a new local first), or add a throw to an existing one-statement failure branch that
/// rejoins the work. No fix for a complex failure branch, a status tested only later, or when the error code cannot be
/// had (a Winsock import without SetLastError and no WSAGetLastError P/Invoke in the compilation).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SSX007SecureCallFailureNotHandledCodeFix))]
[Shared]
public sealed class SSX007SecureCallFailureNotHandledCodeFix : RuleCodeFix
{
    /// <summary>Creates the provider.</summary>
    public SSX007SecureCallFailureNotHandledCodeFix()
        : base(
            Analyzers.Descriptors.Rules.SSX007,
            new FixKind("Throw on failure", "ThrowOnFailure", FailureCheck.Apply))
    {
    }

}
