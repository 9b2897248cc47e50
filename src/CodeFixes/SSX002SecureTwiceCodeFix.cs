using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using SecureSockets.Analyzers.Rules;
using SecureSockets.CodeFixes.Shared;

namespace SecureSockets.CodeFixes;

/// <summary>
/// SSX002 (WSASetSocketSecurity called more than once): remove the repeated call's statement, with the check of its
/// result that becomes dead (an <c>if</c> whose condition is only the call's failure test and whose body throws or
/// returns, or a status local used only by such checks). No fix when the status is used for anything else.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SSX002SecureTwiceCodeFix))]
[Shared]
public sealed class SSX002SecureTwiceCodeFix : RuleCodeFix
{
    /// <summary>Creates the provider.</summary>
    public SSX002SecureTwiceCodeFix()
        : base(
            Analyzers.Descriptors.Rules.SSX002,
            new FixKind("Remove the repeated WSASetSocketSecurity call", "RemoveRepeatedCall", RemoveRepeatedCall))
    {
    }

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    private static SyntaxNode? RemoveRepeatedCall(FixSite site, CancellationToken cancellationToken)
    {
        if (CallGroup.Read(site, FixFacts.Group, cancellationToken) is not { } group || !group.IsPureCheck)
        {
            return null;
        }

        return StatementRemover.Remove(site.Root, group.List, group.Start, group.End);
    }
}
