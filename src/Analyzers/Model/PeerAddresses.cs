using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// The locations assigned to a SOCKET_PEER_TARGET_NAME structure's PeerAddress in the method,
/// so a target name can be matched with a send-to "to the same address".
/// </summary>
internal static class PeerAddresses
{
    public static IEnumerable<ISymbol> Of(ControlFlowGraph graph, FlowCaptures captures, ISymbol nameStructure)
    {
        var found = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                foreach (var node in operation.DescendantsAndSelf())
                {
                    if (node is ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Field.Name: "PeerAddress" } field } assignment
                        && SymbolEqualityComparer.Default.Equals(SocketResolver.Resolve(field.Instance, captures), nameStructure)
                        && SocketResolver.Resolve(assignment.Value, captures) is { } address)
                    {
                        found.Add(address);
                    }
                }
            }
        }

        return found;
    }
}
