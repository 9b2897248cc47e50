using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Flow;

/// <summary>
/// Forward dataflow over one <see cref="ControlFlowGraph"/> to a fixed point. The value at each block is a small
/// set of path classes (<see cref="PathState"/>). Branch conditions refine or prune classes (correlated branches agree);
/// finally regions are entered with the branch they continue (so each path leaves by its own exit); operations
/// that may throw send their state to the handler that would catch it, or to the method's exceptional exit.
/// </summary>
internal sealed class FlowEngine
{
    private readonly ControlFlowGraph cfg;
    private readonly FlowObserver observer;
    private readonly StateSet?[] input;
    // The worklist: blocks with new input, always taking the lowest ordinal (forward order, so joins settle before their
    // successors run). A flag per block and the lowest flagged ordinal: no tree nodes allocated per add.
    private readonly bool[] pending;
    private int lowestPending = int.MaxValue;
    private int pendingCount;
    private readonly StateSet exceptionalExit = new();
    private readonly List<PathState> snapshot = new();
    private BasicBlock? currentBlock;
    private PathState? lastRaised;

    // knownValues: parameters whose values the initial state gives (a summary's constant arguments), remembered like tested locals.
    public FlowEngine(ControlFlowGraph cfg, CompilationAnalysis context, FlowObserver observer, bool trackExceptionalExits, int summaryDepth = Summaries.HelperSummaries.MaxDepth, ImmutableHashSet<ISymbol>? knownValues = null, AnalysisOptions? options = null)
    {
        Options = options ?? AnalysisOptions.Default;
        SummaryDepth = options is null ? summaryDepth : Options.SummaryDepth;
        this.cfg = cfg;
        Context = context;
        this.observer = observer;
        TrackExceptionalExits = trackExceptionalExits;
        Captures = new FlowCaptures(cfg);
        TestedLocals = knownValues is { IsEmpty: false } ? CollectTestedLocals(cfg, Captures).Union(knownValues) : CollectTestedLocals(cfg, Captures);
        input = new StateSet?[cfg.Blocks.Length];
        pending = new bool[cfg.Blocks.Length];
        processedFirst = new PathState?[cfg.Blocks.Length];
        processedMore = new List<PathState>?[cfg.Blocks.Length];
    }

    // Per block, the path classes already run through it: a class that did not change since is not run again
    // (its successors already have its outputs, and joins only grow). A few per block, searched by reference (cheaper
    // than hashing every new state); the first inline, as most blocks only ever see one.
    private readonly PathState?[] processedFirst;
    private readonly List<PathState>?[] processedMore;

    /// <summary>Was this class already run through the block? If not, it is now recorded as run.</summary>
    private bool AlreadyProcessed(int ordinal, PathState state)
    {
        var first = processedFirst[ordinal];
        if (first is null)
        {
            processedFirst[ordinal] = state;
            return false;
        }

        if (ReferenceEquals(first, state))
        {
            return true;
        }

        var more = processedMore[ordinal] ??= new List<PathState>(2);
        foreach (var s in more)
        {
            if (ReferenceEquals(s, state))
            {
                return true;
            }
        }

        more.Add(state);
        return false;
    }

    /// <summary>
    /// Locals and parameters whose values paths remember: those that can correlate two branches —
    /// tested by two branch conditions, or tested once and assigned a constant. A local tested once and never set to
    /// a constant cannot prune anything; remembering it would only split path classes (cost, and collapse).
    /// </summary>
    public ImmutableHashSet<ISymbol> TestedLocals { get; }

    private static ImmutableHashSet<ISymbol> CollectTestedLocals(ControlFlowGraph cfg, FlowCaptures captures)
    {
        var tests = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
        var constants = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var block in cfg.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                // The graph lowers declarations and assignment statements to top-level assignments: no need to walk deeper.
                var node = operation is IExpressionStatementOperation statement ? statement.Operation : operation;

                // A constant, or a new object (known non-null: the lowered using's null check), is a known value.
                if (node is ISimpleAssignmentOperation assignment
                    && (assignment.Value.ConstantValue.HasValue || Transfer.Unwrap(assignment.Value) is IObjectCreationOperation
                        || (Transfer.Unwrap(assignment.Value) is IFlowCaptureReferenceOperation reference && captures.AllConstant(reference.Id)))
                    && Transfer.Location(assignment.Target) is { } target)
                {
                    constants.Add(target);
                }
            }

            if (block.BranchValue is null || block.ConditionalSuccessor is null)
            {
                continue;
            }

            seen.Clear();
            foreach (var operation in block.BranchValue.DescendantsAndSelf())
            {
                ISymbol? symbol = operation switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    _ => null,
                };
                if (symbol is not null && seen.Add(symbol))
                {
                    tests[symbol] = tests.TryGetValue(symbol, out var n) ? n + 1 : 1;
                }
            }
        }

        var builder = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var pair in tests)
        {
            if (pair.Value >= 2 || constants.Contains(pair.Key))
            {
                builder.Add(pair.Key);
            }
        }

        return builder.ToImmutable();
    }

    public CompilationAnalysis Context { get; }

    /// <summary>Does this flow hold a socket in a field (then calls that assign fields reset them)?</summary>
    public bool TracksFields { get; private set; }

    internal void NoteLocation(ISymbol location)
    {
        if (location is IFieldSymbol)
        {
            TracksFields = true;
        }
    }

    /// <summary>How many calls deep helper summaries may still go from this flow (at most 3 by default).</summary>
    public int SummaryDepth { get; }

    /// <summary>The options of the analyzed body's file (summaries of helpers use the defaults).</summary>
    public AnalysisOptions Options { get; }

    public FlowCaptures Captures { get; }

    /// <summary>Route exceptions out of the method too (impersonation rules); socket rules need handlers only.</summary>
    public bool TrackExceptionalExits { get; }

    public ControlFlowGraph Graph => cfg;

    /// <summary>Runs to the fixed point, then reports the exits to the observer.</summary>
    public void Run(PathState? initial = null)
    {
        Enqueue(0, initial ?? PathState.Initial);

        // Termination: the lattice is finite; the budget is only a guard against a bug becoming a hang.
        var budget = 200 + (cfg.Blocks.Length * 64);
        while (pendingCount > 0 && budget-- > 0)
        {
            var ordinal = TakeLowestPending();
            var block = cfg.Blocks[ordinal];
            if (block.Kind == BasicBlockKind.Exit)
            {
                continue;
            }

            // A snapshot: routing may join new states into this very block (a loop's back edge), and those must wait
            // for the next pass like any other block's, or the order states arrive in (which the class collapse and the
            // first report of a diagnostic depend on) would differ from the lowest-ordinal-first order.
            input[ordinal]!.CopyTo(snapshot);
            foreach (var start in snapshot)
            {
                if (AlreadyProcessed(ordinal, start))
                {
                    continue;
                }

                currentBlock = block;
                lastRaised = null;
                var state = start;
                foreach (var operation in block.Operations)
                {
                    state = Visit(operation, state);
                }

                if (block.BranchValue is not null)
                {
                    state = Visit(block.BranchValue, state);
                }

                Route(block, state);
            }
        }

        if (input[cfg.Blocks.Length - 1] is { } exit)
        {
            for (var i = 0; i < exit.Count; i++)
            {
                observer.OnExit(this, exit[i], exceptional: false);
            }
        }

        for (var i = 0; i < exceptionalExit.Count; i++)
        {
            observer.OnExit(this, exceptionalExit[i], exceptional: true);
        }

        observer.OnCompleted(this);
    }

    private HashSet<SyntaxNode>? revertCalls;

    /// <summary>
    /// The revert calls of this graph, in every block whether the flow reached it or not (a handler only a property
    /// getter's exception reaches, a pruned branch): where a fix's region ends, and what it must not revert a second time.
    /// Found when a rule asks (it reports), from the graph's operations: nothing is bound again.
    /// </summary>
    public IReadOnlyCollection<SyntaxNode> RevertCalls => revertCalls ??= FindRevertCalls();

    private HashSet<SyntaxNode> FindRevertCalls()
    {
        var found = new HashSet<SyntaxNode>();
        foreach (var block in cfg.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                AddReverts(operation, found);
            }

            if (block.BranchValue is { } branch)
            {
                AddReverts(branch, found);
            }
        }

        return found;
    }

    private void AddReverts(IOperation root, HashSet<SyntaxNode> found)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation invocation
                && (ApiKinds.Reverts(Context.Catalog.KindOf(invocation))
                    || (Options.NamesMethods && Options.IsRevert(invocation.TargetMethod))))
            {
                found.Add(invocation.Syntax);
            }
        }
    }

    private ImmutableHashSet<ISymbol>? capturedByNestedFunctions;

    /// <summary>
    /// Does a lambda or local function of this flow's body read or write the location (so that what it does there is out
    /// of this flow's sight)? The body is walked once, when a rule first asks, not at every event on every path.
    /// </summary>
    public bool IsCapturedByNestedFunction(ISymbol location)
        => (capturedByNestedFunctions ??= NestedReferences.In(cfg.OriginalOperation)).Contains(location);

    /// <summary>Is the operation being visited inside a finally (including a using's implicit Dispose)?</summary>
    public bool InFinally
    {
        get
        {
            for (var r = currentBlock?.EnclosingRegion; r is not null && r != cfg.Root; r = r.EnclosingRegion)
            {
                if (r.Kind == ControlFlowRegionKind.Finally)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private void MarkPending(int ordinal)
    {
        if (!pending[ordinal])
        {
            pending[ordinal] = true;
            pendingCount++;
            lowestPending = System.Math.Min(lowestPending, ordinal);
        }
    }

    private int TakeLowestPending()
    {
        var ordinal = lowestPending;
        while (!pending[ordinal])
        {
            ordinal++;
        }

        pending[ordinal] = false;
        pendingCount--;
        lowestPending = ordinal + 1; // nothing lower is pending: a lower add would have lowered it
        return ordinal;
    }

    private void Enqueue(int ordinal, PathState state)
    {
        if ((input[ordinal] ??= new StateSet()).Add(state))
        {
            MarkPending(ordinal);
        }
    }

    // ---- Routing between blocks -------------------------------------------------------------------------

    private void Route(BasicBlock block, PathState state)
    {
        if (block.ConditionalSuccessor is { } conditional && block.BranchValue is { } condition)
        {
            var jumpWhen = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
            if (Conditions.Refine(this, state, condition, jumpWhen) is { } taken)
            {
                Follow(block, conditional, taken);
            }

            if (block.FallThroughSuccessor is { } fallThrough && Conditions.Refine(this, state, condition, !jumpWhen) is { } notTaken)
            {
                Follow(block, fallThrough, notTaken);
            }

            return;
        }

        if (block.FallThroughSuccessor is { } next)
        {
            if (next.Semantics == ControlFlowBranchSemantics.Return && block.BranchValue is { } returned)
            {
                observer.OnReturn(this, state, returned);

                // A status returned to the caller, as is, in a test (return rc == 0) or in a combination of tests (return
                // a == 0 && b == 0, a ternary: values the graph captured on several branches), is the caller's to handle.
                foreach (var part in ReturnedParts(returned))
                {
                    if (Conditions.FindResult(this, state, part) is { } result)
                    {
                        state = Conditions.Replace(state, result, result.AsEscaped());
                    }
                }
            }

            Follow(block, next, state);
        }
    }

    /// <summary>The returned value's operations, through the flow captures the graph made of its branches.</summary>
    private IEnumerable<IOperation> ReturnedParts(IOperation returned)
    {
        // Most returned values hold no capture: the stack and the set are made for the first one (every path's return runs here).
        Stack<IOperation>? pending = null;
        HashSet<CaptureId>? seen = null;
        var next = returned;
        while (next is not null)
        {
            foreach (var part in next.DescendantsAndSelf())
            {
                yield return part;
                if (part is IFlowCaptureReferenceOperation reference && (seen ??= new HashSet<CaptureId>()).Add(reference.Id))
                {
                    foreach (var value in Captures.ValuesOf(reference.Id))
                    {
                        (pending ??= new Stack<IOperation>()).Push(value);
                    }
                }
            }

            next = pending is { Count: > 0 } ? pending.Pop() : null;
        }
    }

    private void Follow(BasicBlock from, ControlFlowBranch branch, PathState state)
    {
        switch (branch.Semantics)
        {
            case ControlFlowBranchSemantics.Throw:
            case ControlFlowBranchSemantics.Rethrow:
                Raise(from.EnclosingRegion, state);
                return;
            case ControlFlowBranchSemantics.StructuredExceptionHandling:
                EndOfHandlerRegion(from, state);
                return;
            case ControlFlowBranchSemantics.ProgramTermination:
            case ControlFlowBranchSemantics.Error:
            case ControlFlowBranchSemantics.None:
                return;
        }

        if (InsideTryWithFinally(from) && !branch.FinallyRegions.IsEmpty)
        {
            Enqueue(branch.FinallyRegions[0].FirstBlockOrdinal, state.AtContinuation(branch, 0, exceptional: false));
            return;
        }

        if (branch.Destination is { } destination)
        {
            Enqueue(destination.Ordinal, LeaveScopes(from, destination.Ordinal, Carry(from.Ordinal, destination.Ordinal, state)));
        }
    }

    /// <summary>A back edge (a loop's next turn) carries an impersonation still on out of the region its begin covered.</summary>
    private static PathState Carry(int from, int destination, PathState state)
        => destination <= from && state.Imp is { Carried: false } imp ? state.WithImp(imp.AsCarried()) : state;

    // Only a block inside a try with a finally can branch through a finally; asking the branch costs it a region walk
    // and an array, for every branch of the graph.
    private bool InsideTryWithFinally(BasicBlock block)
    {
        for (var r = block.EnclosingRegion; r is not null && r != cfg.Root; r = r.EnclosingRegion)
        {
            if (r.Kind == ControlFlowRegionKind.Try && r.EnclosingRegion?.Kind == ControlFlowRegionKind.TryAndFinally)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Leaving a local-lifetime region ends its locals (the CFG says which; a loop's counter after the loop).</summary>
    private PathState LeaveScopes(BasicBlock from, int destination, PathState state)
    {
        for (var r = from.EnclosingRegion; r is not null && r != cfg.Root; r = r.EnclosingRegion)
        {
            if (r.FirstBlockOrdinal <= destination && destination <= r.LastBlockOrdinal)
            {
                break;
            }

            if (!r.Locals.IsEmpty && (state.Facts.Count > 0 || state.Results.Count > 0))
            {
                state = state.LeaveScope(r.Locals);
            }
        }

        return state;
    }

    /// <summary>The end of a finally: each path goes on where it was going (the next finally, its destination, or up with its exception).</summary>
    private void EndOfHandlerRegion(BasicBlock from, PathState state)
    {
        var region = from.EnclosingRegion;
        while (region is not null && region != cfg.Root && region.Kind != ControlFlowRegionKind.Finally)
        {
            region = region.EnclosingRegion;
        }

        if (region == cfg.Root)
        {
            return;
        }

        if (region is null)
        {
            return;
        }

        if (state.Exceptional)
        {
            Raise(region.EnclosingRegion, state.AtContinuation(null, 0, exceptional: false));
            return;
        }

        if (state.Continuation is not { } branch)
        {
            return;
        }

        var next = state.ContinuationIndex + 1;
        if (next < branch.FinallyRegions.Length)
        {
            Enqueue(branch.FinallyRegions[next].FirstBlockOrdinal, state.AtContinuation(branch, next, exceptional: false));
            return;
        }

        var after = state.AtContinuation(null, 0, exceptional: false);
        if (branch.Destination is { } destination)
        {
            Enqueue(destination.Ordinal, Carry(branch.Source.Ordinal, destination.Ordinal, after));
        }
    }

    /// <summary>An exception at this point: to the catches and finallys that cover it, else out of the method.</summary>
    private void Raise(ControlFlowRegion? region, PathState state)
    {
        state = state.AtContinuation(null, 0, exceptional: false);

        // A lambda's or local function's graph is nested in its container's regions: stop at this graph's root.
        for (var r = region; r is not null && r != cfg.Root; r = r.EnclosingRegion)
        {
            if (r.Kind != ControlFlowRegionKind.Try || r.EnclosingRegion is not { } parent)
            {
                continue;
            }

            if (parent.Kind == ControlFlowRegionKind.TryAndFinally)
            {
                foreach (var nested in parent.NestedRegions)
                {
                    if (nested.Kind == ControlFlowRegionKind.Finally)
                    {
                        Enqueue(nested.FirstBlockOrdinal, state.AtContinuation(null, 0, exceptional: true));
                        return;
                    }
                }
            }
            else if (parent.Kind == ControlFlowRegionKind.TryAndCatch)
            {
                var caughtAll = false;
                foreach (var handler in parent.NestedRegions)
                {
                    if (handler.Kind == ControlFlowRegionKind.Catch)
                    {
                        Enqueue(handler.FirstBlockOrdinal, state);
                        caughtAll |= IsCatchAll(handler.ExceptionType);
                    }
                    else if (handler.Kind == ControlFlowRegionKind.FilterAndHandler)
                    {
                        foreach (var part in handler.NestedRegions)
                        {
                            if (part.Kind == ControlFlowRegionKind.Catch)
                            {
                                Enqueue(part.FirstBlockOrdinal, state);
                            }
                        }
                    }
                }

                if (caughtAll)
                {
                    return;
                }
            }
        }

        // Out of the method: only an impersonation still on matters there (the revert rules, C-IMP-1 / C-SSPI-3).
        if (TrackExceptionalExits && state.Imp is not null)
        {
            exceptionalExit.Add(state.AtContinuation(null, 0, exceptional: true));
        }
    }

    private static bool IsCatchAll(ITypeSymbol? type)
        => type is null || type.SpecialType == SpecialType.System_Object
           || (type.Name == "Exception" && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true });

    /// <summary>The operation about to run may throw: its handlers (or the exceptional exit) see this state.</summary>
    internal void MayThrow(PathState state)
    {
        if (currentBlock is null || ReferenceEquals(state, lastRaised))
        {
            return;
        }

        lastRaised = state;
        Raise(currentBlock.EnclosingRegion, state);
    }

    // ---- Transfer within a block -----------------------------------------------------------------------

    private PathState Visit(IOperation operation, PathState state)
    {
        switch (operation)
        {
            // Lambdas, anonymous methods and local functions are their own flows.
            case IFlowAnonymousFunctionOperation:
            case IAnonymousFunctionOperation:
            case ILocalFunctionOperation:
                return state;
        }

        foreach (var child in operation.ChildOperations)
        {
            state = Visit(child, state);
        }

        return Transfer.Apply(this, operation, state, observer);
    }
}
