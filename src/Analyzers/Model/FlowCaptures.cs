using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Model;

/// <summary>The values the CFG captured (<c>IFlowCaptureOperation</c>), so a capture reference can be seen through.</summary>
internal sealed class FlowCaptures
{
    private readonly Dictionary<CaptureId, List<IOperation>> values = new();

    private readonly Dictionary<CaptureId, ILocalSymbol> assignedTo = new();

    public FlowCaptures(ControlFlowGraph cfg)
    {
        foreach (var block in cfg.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                if (operation is IFlowCaptureOperation capture)
                {
                    if (!values.TryGetValue(capture.Id, out var list))
                    {
                        values[capture.Id] = list = new List<IOperation>(1);
                    }

                    list.Add(capture.Value);
                }
                else if ((operation is IExpressionStatementOperation statement ? statement.Operation : operation) is ISimpleAssignmentOperation
                         {
                             Target: ILocalReferenceOperation local,
                         } assignment
                         && Arguments.StripConversions(assignment.Value) is IFlowCaptureReferenceOperation reference)
                {
                    assignedTo[reference.Id] = local.Local;
                }
            }
        }
    }

    /// <summary>
    /// The local a branchy value is stored to (<c>bool ok = s switch { … =&gt; true, _ =&gt; false };</c>): each branch's
    /// capture is that local's value on the branch's path.
    /// </summary>
    public ILocalSymbol? AssignedTo(CaptureId id) => assignedTo.TryGetValue(id, out var local) ? local : null;

    /// <summary>Is every value the capture may hold a constant (each branch writes a constant, or throws)?</summary>
    public bool AllConstant(CaptureId id)
        => values.TryGetValue(id, out var list)
           && list.TrueForAll(v => v.ConstantValue.HasValue || v.Kind == OperationKind.Throw || v.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ThrowExpressionSyntax);

    /// <summary>The one value captured; null when the capture is written on two branches (<c>c ? a : b</c>, <c>a &amp;&amp; b</c>).</summary>
    public IOperation? ValueOf(CaptureId id) => values.TryGetValue(id, out var list) && list.Count == 1 ? list[0] : null;

    /// <summary>Every value the capture may hold, whichever branch wrote it.</summary>
    public IReadOnlyList<IOperation> ValuesOf(CaptureId id) => values.TryGetValue(id, out var list) ? list : System.Array.Empty<IOperation>();
}
