using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX002: see docs/rules/SSX002.md; the check lives in its family (<see cref="SocketOrderRules"/>).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX002SecureTwiceAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX002SecureTwiceAnalyzer()
        : base(Descriptors.Rules.SSX002)
    {
    }
}
