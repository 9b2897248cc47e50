using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;

namespace SecureSockets.Analyzers.Rules;

/// <summary>SSX012: IPsec settings with the default security protocol (docs/rules/SSX012.md).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SSX012IpsecDefaultProtocolAnalyzer : RuleAnalyzer
{
    /// <summary>Creates the analyzer.</summary>
    public SSX012IpsecDefaultProtocolAnalyzer()
        : base(Descriptors.Rules.SSX012)
    {
    }
}

/// <summary>
/// A SOCKET_SECURITY_SETTINGS_IPSEC whose SecurityProtocol is SOCKET_SECURITY_PROTOCOL_DEFAULT on every path — assigned,
/// or left at its default — passed to a secure event, directly, by <c>ref</c>, through <c>&amp;</c> or in a buffer it was
/// marshalled into, or through a helper that passes it on (judged at the helper's call; C-SEC-8). Reported at the settings
/// argument.
/// </summary>
internal sealed class SSX012IpsecDefaultProtocol : EveryStateCheck
{
    public override DiagnosticDescriptor Rule => Descriptors.Rules.SSX012;

    public override ImmutableArray<TrackedCallFilter> TrackedCalls => SecuresOrNames;

    public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
    {
        if (e.Kind != ApiKind.Secure || e.Operation is not IInvocationOperation invocation)
        {
            return;
        }

        // A helper's event names the argument it passes on; the API's own call has its settings by role.
        var settings = e.FromHelper ? e.Settings : engine.Context.Catalog.Classify(invocation.TargetMethod).Argument(invocation, ArgumentRole.Settings);
        if (e.FromHelper && settings is null)
        {
            return;
        }

        if (settings is not null && StructValues.Passed(engine, state, settings) is { IsIpsecWithDefaultProtocol: true })
        {
            Holds(e.Operation, settings.Syntax, null, settings.Syntax.ToString());
        }
        else
        {
            Fails(e.Operation);
        }
    }
}
