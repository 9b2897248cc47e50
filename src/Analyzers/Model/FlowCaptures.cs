using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace SecureSockets.Analyzers.Model;

/// <summary>The values the CFG captured (<c>IFlowCaptureOperation</c>), so a capture reference can be seen through.</summary>
internal sealed class FlowCaptures
{
    private readonly Dictionary<CaptureId, List<IOperation>> values = new();

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
            }
        }
    }

    /// <summary>The one value captured; null when the capture is written on two branches (<c>c ? a : b</c>, <c>a &amp;&amp; b</c>).</summary>
    public IOperation? ValueOf(CaptureId id) => values.TryGetValue(id, out var list) && list.Count == 1 ? list[0] : null;

    /// <summary>Every value the capture may hold, whichever branch wrote it.</summary>
    public IReadOnlyList<IOperation> ValuesOf(CaptureId id) => values.TryGetValue(id, out var list) ? list : System.Array.Empty<IOperation>();
}
