using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Flow;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// Precision 15: the locations assigned to a SOCKET_PEER_TARGET_NAME structure's PeerAddress in the method,
/// so a target name can be matched with a send-to "to the same address".
/// </summary>
internal static class PeerAddresses
{
    public static IEnumerable<ISymbol> Of(FlowEngine engine, ISymbol nameStructure)
    {
        var found = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var block in engine.Graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                foreach (var node in operation.DescendantsAndSelf())
                {
                    if (node is ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Field.Name: "PeerAddress" } field } assignment
                        && SymbolEqualityComparer.Default.Equals(SocketResolver.Resolve(field.Instance, engine.Captures), nameStructure)
                        && SocketResolver.Resolve(assignment.Value, engine.Captures) is { } address)
                    {
                        found.Add(address);
                    }
                }
            }
        }

        return found;
    }
}
