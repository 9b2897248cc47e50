using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX008: thread switch while impersonating (docs/rules/SSX008.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX008ThreadSwitchWhileImpersonatingAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX008ThreadSwitchWhileImpersonatingAnalyzer()
        : base(Descriptors.Rules.SSX008)
    {
    }
}

/// <summary>An await, await foreach/using or yield return while any impersonation, owned by a scope or not, may be on (C-ALL-1).</summary>
internal sealed class SSX008ThreadSwitchWhileImpersonating : RuleCheck
{
    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX008;

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => BeginsImpersonation;

    public override void OnSuspension(FlowEngine engine, PathState state, IOperation operation, SyntaxNode reportAt)
    {
        if (state.Imp is not { Kind: not ApiKind.None })
        {
            return;
        }

        var (span, text) = RuleText.SuspensionSpan(reportAt);
        Report(reportAt.SyntaxTree, span, state.Imp.Begin, text);
    }
}
