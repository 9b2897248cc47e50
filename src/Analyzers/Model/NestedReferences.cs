using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// Locations a lambda or local function of the body reads or writes: what such a function does to them happens when it
/// runs, which the body's own flow does not see (a lambda is its own flow).
/// </summary>
internal static class NestedReferences
{
    /// <summary>Every local, parameter and field referenced inside the body's lambdas and local functions (one walk per body).</summary>
    public static ImmutableHashSet<ISymbol> In(IOperation body)
    {
        var found = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation.Kind is not (OperationKind.AnonymousFunction or OperationKind.LocalFunction or OperationKind.FlowAnonymousFunction))
            {
                continue;
            }

            foreach (var inner in operation.Descendants())
            {
                var referenced = inner switch
                {
                    ILocalReferenceOperation l => (ISymbol)l.Local,
                    IParameterReferenceOperation p => p.Parameter,
                    IFieldReferenceOperation f => f.Field,
                    _ => null,
                };
                if (referenced is not null)
                {
                    found.Add(referenced);
                }
            }
        }

        return found.ToImmutable();
    }
}
