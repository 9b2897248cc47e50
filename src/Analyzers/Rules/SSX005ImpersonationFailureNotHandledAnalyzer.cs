using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX005: see docs/rules/SSX005.md; the check lives in its family (<see cref="ImpersonationRules"/>).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX005ImpersonationFailureNotHandledAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX005ImpersonationFailureNotHandledAnalyzer()
        : base(Descriptors.Rules.SSX005)
    {
    }
}
