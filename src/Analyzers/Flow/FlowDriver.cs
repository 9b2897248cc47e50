using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureSockets.Analyzers.Flow;

/// <summary>
/// Runs a rule family's flow pass over one operation block: a cheap pre-filter first (only a body that contains
/// a tracked call gets a control-flow graph), then the body and every lambda and local function in it, each as
/// its own flow (Precision 13).
/// </summary>
internal static class FlowDriver
{
    public static ImmutableArray<Diagnostic> Run(
        OperationBlockAnalysisContext context,
        CompilationAnalysis analysis,
        Func<IOperation, bool> isTrackedCall,
        Func<DiagnosticSink, FlowObserver> createObserver,
        bool trackExceptionalExits)
    {
        var sink = new DiagnosticSink();
        foreach (var block in context.OperationBlocks)
        {
            if (!IsFlowRoot(block) || !Scan(block, isTrackedCall, out var hasLambdas))
            {
                continue;
            }

            ControlFlowGraph cfg;
            try
            {
                cfg = context.GetControlFlowGraph(block);
            }
            catch (ArgumentException)
            {
                // A block the compiler cannot build a graph for (erroneous code being typed): stay silent.
                continue;
            }

            var observer = createObserver(sink);
            foreach (var graph in hasLambdas ? AllGraphs(cfg, context.CancellationToken) : new[] { cfg })
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                new FlowEngine(graph, analysis, observer, trackExceptionalExits).Run();
            }
        }

        return sink.Diagnostics.ToImmutableArray();
    }

    private static bool IsFlowRoot(IOperation block)
        => block.Kind is OperationKind.MethodBody or OperationKind.ConstructorBody or OperationKind.Block
            or OperationKind.FieldInitializer or OperationKind.PropertyInitializer;

    /// <summary>
    /// The pre-filter's one walk over the body: does it contain a tracked call, and any lambda or local function (the
    /// only reason to search the graph for nested flows, a walk over every operation again)?
    /// </summary>
    private static bool Scan(IOperation block, Func<IOperation, bool> isTrackedCall, out bool hasLambdas)
    {
        var tracked = false;
        hasLambdas = false;
        foreach (var operation in block.DescendantsAndSelf())
        {
            switch (operation.Kind)
            {
                case OperationKind.Invocation or OperationKind.ObjectCreation:
                    tracked = tracked || isTrackedCall(operation);
                    break;
                case OperationKind.AnonymousFunction or OperationKind.LocalFunction:
                    hasLambdas = true;
                    break;
            }

            if (tracked && hasLambdas)
            {
                break;
            }
        }

        return tracked;
    }

    /// <summary>The graph and, recursively, the graphs of its lambdas and local functions.</summary>
    private static IEnumerable<ControlFlowGraph> AllGraphs(ControlFlowGraph root, System.Threading.CancellationToken cancellationToken)
    {
        var pending = new Stack<ControlFlowGraph>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var graph = pending.Pop();
            yield return graph;
            foreach (var localFunction in graph.LocalFunctions)
            {
                pending.Push(graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken));
            }

            foreach (var block in graph.Blocks)
            {
                foreach (var operation in block.Operations)
                {
                    foreach (var lambda in FlowLambdas(operation))
                    {
                        pending.Push(graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken));
                    }
                }

                if (block.BranchValue is not null)
                {
                    foreach (var lambda in FlowLambdas(block.BranchValue))
                    {
                        pending.Push(graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken));
                    }
                }
            }
        }
    }

    private static IEnumerable<IFlowAnonymousFunctionOperation> FlowLambdas(IOperation operation)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IFlowAnonymousFunctionOperation lambda)
            {
                yield return lambda;
            }
        }
    }
}
