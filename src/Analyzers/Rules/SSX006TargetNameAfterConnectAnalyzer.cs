using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX006: see docs/rules/SSX006.md; the check lives in its family (<see cref="SocketOrderRules"/>).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX006TargetNameAfterConnectAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX006TargetNameAfterConnectAnalyzer()
        : base(Descriptors.Rules.SSX006)
    {
    }
}
