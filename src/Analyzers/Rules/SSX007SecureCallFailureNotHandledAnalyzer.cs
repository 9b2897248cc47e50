using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX007: see docs/rules/SSX007.md; the check lives in its family (<see cref="SocketOrderRules"/>).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX007SecureCallFailureNotHandledAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX007SecureCallFailureNotHandledAnalyzer()
        : base(Descriptors.Rules.SSX007)
    {
    }
}
