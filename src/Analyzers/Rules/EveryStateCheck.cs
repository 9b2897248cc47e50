using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Flow;

namespace SecureSockets.Analyzers.Rules;

/// <summary>
/// A rule whose wording says "on every path": the engine reaches an event once per path state (states split on
/// correlated conditions and on what tests learned), so the check gives a verdict per state and reports, when the flow
/// is complete, only the events every reaching state held it for. A state joins paths; a later state at the same event
/// joins more of them, so "every visited state holds" is "every final state holds".
/// </summary>
internal abstract class EveryStateCheck : RuleCheck
{
    private readonly Dictionary<IOperation, (SyntaxNode At, IOperation? Related, ImmutableDictionary<string, string?>? Properties, object?[] Args)?> verdicts = new(OperationIdentity.Instance);

    /// <summary>This state holds the rule at the event (the first holding state's message is the one reported).</summary>
    protected void Holds(IOperation operation, SyntaxNode at, IOperation? related, params object?[] args)
        => Holds(operation, at, related, properties: null, args);

    /// <summary>As <see cref="Holds(IOperation, SyntaxNode, IOperation?, object?[])"/>, with what the rule's fix needs to know.</summary>
    protected void Holds(IOperation operation, SyntaxNode at, IOperation? related, ImmutableDictionary<string, string?>? properties, params object?[] args)
    {
        if (!verdicts.ContainsKey(operation))
        {
            verdicts[operation] = (at, related, properties, args);
        }
    }

    /// <summary>This state does not hold it: the event is not reported, whatever other states say.</summary>
    protected void Fails(IOperation operation) => verdicts[operation] = null;

    public override void OnCompleted(FlowEngine engine)
    {
        foreach (var verdict in verdicts.Values)
        {
            if (verdict is { } v)
            {
                Report(v.At, v.Related, v.Properties, v.Args);
            }
        }

        verdicts.Clear();
    }
}
