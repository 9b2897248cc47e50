using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureSockets.Analyzers.Flow;

namespace SecureSockets.Analyzers.Rules;

/// <summary>
/// The one flow pass per body that serves all eight rules: computed by whichever rule analyzer reaches the body first,
/// read by the others. Held per compilation (weakly, with the compilation's <see cref="CompilationAnalysis"/>).
/// </summary>
internal sealed class BodyFlows
{
    private static readonly ConditionalWeakTable<CompilationAnalysis, BodyFlows> Shared = new();

    private static readonly RuleFamily[] Families = { new SocketOrderRules(), new ImpersonationRules() };

    private readonly CompilationAnalysis analysis;
    private readonly ConcurrentDictionary<ISymbol, Lazy<ImmutableArray<Diagnostic>>> results = new(SymbolEqualityComparer.Default);

    private BodyFlows(CompilationAnalysis analysis) => this.analysis = analysis;

    public static BodyFlows For(CompilationAnalysis analysis) => Shared.GetValue(analysis, a => new BodyFlows(a));

    /// <summary>All rules' diagnostics for the body the context analyzes (computed once).</summary>
    public ImmutableArray<Diagnostic> DiagnosticsOf(OperationBlockAnalysisContext context)
    {
        var entry = results.GetOrAdd(
            context.OwningSymbol,
            _ => new Lazy<ImmutableArray<Diagnostic>>(() => Compute(context), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return entry.Value;
        }
        catch (OperationCanceledException)
        {
            // A cancelled computation must not be remembered: the next request computes again.
            results.TryRemove(context.OwningSymbol, out _);
            throw;
        }
    }

    private ImmutableArray<Diagnostic> Compute(OperationBlockAnalysisContext context)
        => FlowDriver.Run(
            context,
            analysis,
            operation => Families.Any(f => f.IsTrackedCall(analysis, operation)),
            sink => new CompositeObserver(Families.Select(f => f.CreateObserver(sink)).ToImmutableArray()),
            trackExceptionalExits: true);

    /// <summary>Every family's observer sees every callback of the shared pass.</summary>
    private sealed class CompositeObserver : FlowObserver
    {
        private readonly ImmutableArray<FlowObserver> observers;

        public CompositeObserver(ImmutableArray<FlowObserver> observers) => this.observers = observers;

        public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
        {
            foreach (var o in observers)
            {
                o.BeforeEvent(engine, state, e);
            }
        }

        public override void OnSuspension(FlowEngine engine, PathState state, IOperation operation, SyntaxNode reportAt)
        {
            foreach (var o in observers)
            {
                o.OnSuspension(engine, state, operation, reportAt);
            }
        }

        public override void OnWork(FlowEngine engine, PathState state, IOperation operation)
        {
            foreach (var o in observers)
            {
                o.OnWork(engine, state, operation);
            }
        }

        public override void OnReturn(FlowEngine engine, PathState state, IOperation value)
        {
            foreach (var o in observers)
            {
                o.OnReturn(engine, state, value);
            }
        }

        public override void OnExit(FlowEngine engine, PathState state, bool exceptional)
        {
            foreach (var o in observers)
            {
                o.OnExit(engine, state, exceptional);
            }
        }

        public override void OnCompleted(FlowEngine engine)
        {
            foreach (var o in observers)
            {
                o.OnCompleted(engine);
            }
        }
    }
}
