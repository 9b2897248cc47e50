using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX004: security context impersonation not reverted on every path (docs/rules/SSX004.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX004ContextImpersonationNotRevertedAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX004ContextImpersonationNotRevertedAnalyzer()
        : base(Descriptors.Rules.SSX004)
    {
    }
}

/// <summary>ImpersonateSecurityContext (or the wrapper's context scope, or a factory's owner) not reverted on every path (C-SSPI-3).</summary>
internal sealed class SSX004ContextImpersonationNotReverted : UnrevertedImpersonationCheck
{
    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX004;

    protected override bool IsOfKind(ApiKind kind) => kind is ApiKind.SspiImpersonate or ApiKind.WrapperContextScope;
}
