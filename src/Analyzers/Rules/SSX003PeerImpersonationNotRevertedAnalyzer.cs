using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX003: see docs/rules/SSX003.md; the check lives in its family (<see cref="ImpersonationRules"/>).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX003PeerImpersonationNotRevertedAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX003PeerImpersonationNotRevertedAnalyzer()
        : base(Descriptors.Rules.SSX003)
    {
    }
}
