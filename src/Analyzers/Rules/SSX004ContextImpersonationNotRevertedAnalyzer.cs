using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX004: see docs/rules/SSX004.md; the check lives in its family (<see cref="ImpersonationRules"/>).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX004ContextImpersonationNotRevertedAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX004ContextImpersonationNotRevertedAnalyzer()
        : base(Descriptors.Rules.SSX004)
    {
    }
}
