using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX014: Impersonating a client-side security context (docs/rules/SSX014.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX014ImpersonatingClientContextAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX014ImpersonatingClientContextAnalyzer()
        : base(Descriptors.Rules.SSX014)
    {
    }
}

/// <summary>
/// ImpersonateSecurityContext with a handle that, on every path, was last written by InitializeSecurityContext rather than
/// AcceptSecurityContext (C-SSPI-1). Handles are storage locations (locals, parameters, fields) followed through copies and
/// summarized helpers; anything that may rewrite one out of sight makes it unknown, and unknown decides nothing.
/// </summary>
internal sealed class SSX014ImpersonatingClientContext : EveryStateCheck
{
    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX014;

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => BeginsImpersonation;

    public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
    {
        if (e.Kind != ApiKind.SspiImpersonate || e.FromHelper || e.Operation is not IInvocationOperation invocation)
        {
            return;
        }

        var api = engine.Context.Catalog.Classify(invocation.TargetMethod);
        if (Handles.LocationOf(api.Argument(invocation, ArgumentRole.Context)) is { } handle
            && state.Slot<HandleProvenance>()?.Of(handle) == ContextWriters.Initialize)
        {
            Holds(e.Operation, e.Operation.Syntax, null, handle.Name);
        }
        else
        {
            Fails(e.Operation);
        }
    }
}
