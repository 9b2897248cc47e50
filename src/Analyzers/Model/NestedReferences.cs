using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// Locations a lambda or local function of the body reads or writes: what such a function does to them happens when it
/// runs, which the body's own flow does not see (a lambda is its own flow).
/// </summary>
internal static class NestedReferences
{
    public static bool IsCaptured(IOperation body, ISymbol location)
    {
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
                if (referenced is not null && SymbolEqualityComparer.Default.Equals(referenced, location))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
