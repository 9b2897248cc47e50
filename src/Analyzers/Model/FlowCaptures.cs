using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace SecureSockets.Analyzers.Model;

/// <summary>The values the CFG captured (<c>IFlowCaptureOperation</c>), so a capture reference can be seen through.</summary>
internal sealed class FlowCaptures
{
    private readonly Dictionary<CaptureId, IOperation?> values = new();

    public FlowCaptures(ControlFlowGraph cfg)
    {
        foreach (var block in cfg.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                if (operation is IFlowCaptureOperation capture)
                {
                    // A capture written on two branches (c ? a : b) has no single value.
                    values[capture.Id] = values.ContainsKey(capture.Id) ? null : capture.Value;
                }
            }
        }
    }

    public IOperation? ValueOf(CaptureId id) => values.TryGetValue(id, out var value) ? value : null;
}
