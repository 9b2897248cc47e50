using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX008: see docs/rules/SSX008.md; the check lives in its family (<see cref="ImpersonationRules"/>).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX008ThreadSwitchWhileImpersonatingAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX008ThreadSwitchWhileImpersonatingAnalyzer()
        : base(Descriptors.Rules.SSX008)
    {
    }
}
