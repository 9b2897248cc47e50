using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX001: see docs/rules/SSX001.md; the check lives in its family (<see cref="SocketOrderRules"/>).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX001SecureAfterConnectAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX001SecureAfterConnectAnalyzer()
        : base(Descriptors.Rules.SSX001)
    {
    }
}
