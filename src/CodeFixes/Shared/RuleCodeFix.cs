using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SecureSockets.CodeFixes.Shared;

/// <summary>
/// A rule's code fix provider: the rule's descriptor gives the fixable id and the fixes' equivalence keys, so no id is
/// typed here; the fixes are computed up front (offered only where they apply) and Fix All applies them in turn.
/// </summary>
public abstract class RuleCodeFix : CodeFixProvider
{
    private readonly FixKind[] kinds;

    private protected RuleCodeFix(DiagnosticDescriptor rule, params FixKind[] fixes)
    {
        kinds = fixes.Select(f => f.ForRule(rule)).ToArray();
        FixableDiagnosticIds = ImmutableArray.Create(rule.Id);
    }

    /// <inheritdoc/>
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixRunner.FixAll(kinds);

    /// <inheritdoc/>
    public sealed override Task RegisterCodeFixesAsync(CodeFixContext context) => FixRunner.RegisterAsync(context, kinds);
}
