using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureSockets.Analyzers.Flow;

/// <summary>
/// What decides where flow work happens: the cheap pre-filter (only a body that contains a tracked call gets a
/// control-flow graph), and the flows of a body — the body itself and each lambda and local function in it, each its
/// own flow.
/// </summary>
internal static class FlowDriver
{
    /// <summary>Runs one flow pass over a body's graph and, when it has any, the graphs of its lambdas and local functions.</summary>
    public static void Run(ControlFlowGraph cfg, bool hasLambdas, CompilationAnalysis analysis, FlowObserver observer, Catalog.AnalysisOptions options, CancellationToken cancellationToken)
    {
        foreach (var graph in hasLambdas ? AllGraphs(cfg, cancellationToken) : new[] { cfg })
        {
            cancellationToken.ThrowIfCancellationRequested();
            new FlowEngine(graph, analysis, observer, trackExceptionalExits: true, options: options).Run();
        }
    }

    /// <summary>The compiler's graph of a body's root operation (what <see cref="IsFlowRoot"/> accepts).</summary>
    /// <exception cref="System.ArgumentException">The operation is no root the compiler builds a graph for (code being typed).</exception>
    public static ControlFlowGraph GraphOf(IOperation block, CancellationToken cancellationToken) => block switch
    {
        IMethodBodyOperation method => ControlFlowGraph.Create(method, cancellationToken),
        IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
        IFieldInitializerOperation field => ControlFlowGraph.Create(field, cancellationToken),
        IPropertyInitializerOperation property => ControlFlowGraph.Create(property, cancellationToken),
        IBlockOperation body => ControlFlowGraph.Create(body, cancellationToken),
        _ => throw new System.ArgumentException("no graph for " + block.Kind, nameof(block)),
    };

    public static bool IsFlowRoot(IOperation block)
        => block.Kind is OperationKind.MethodBody or OperationKind.ConstructorBody or OperationKind.Block
            or OperationKind.FieldInitializer or OperationKind.PropertyInitializer;

    /// <summary>
    /// The pre-filter's one walk over the body: does it contain a tracked call, and any lambda or local function (the
    /// only reason to search the graph for nested flows, a walk over every operation again)?
    /// </summary>
    public static bool Scan(IOperation block, System.Func<IOperation, bool> isTrackedCall, out bool hasLambdas)
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
    private static IEnumerable<ControlFlowGraph> AllGraphs(ControlFlowGraph root, CancellationToken cancellationToken)
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
