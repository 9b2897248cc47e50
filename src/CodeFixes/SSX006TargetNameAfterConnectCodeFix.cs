using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using SecureSockets.CodeFixes.Shared;

namespace SecureSockets.CodeFixes;

/// <summary>
/// SSX006 (WSASetSocketPeerTargetName on a connected socket): move the call, with the statements that check its
/// result, to just before the first connect of the socket (the diagnostic's additional location), under the same
/// conditions as SSX001's move. No fix on an accepted socket or where a value is computed after the connect.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SSX006TargetNameAfterConnectCodeFix))]
[Shared]
public sealed class SSX006TargetNameAfterConnectCodeFix : RuleCodeFix
{
    /// <summary>Creates the provider.</summary>
    public SSX006TargetNameAfterConnectCodeFix()
        : base(
            Analyzers.Descriptors.Rules.SSX006,
            new FixKind("Set the target name before connect", "MoveBeforeConnect", SSX001SecureAfterConnectCodeFix.MoveBeforeFirstEvent))
    {
    }

}
