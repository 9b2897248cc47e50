using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Flow.Summaries;

/// <summary>
/// Summaries of the compilation's own methods and local functions, computed on demand by running the flow engine
/// over the helper's body and cached per (method, remaining depth): a summary at depth d sees its callees' summaries
/// at depth d-1, so recursion is cut at depth 0 and results never depend on analysis order.
/// </summary>
internal sealed class HelperSummaries
{
    public const int MaxDepth = Catalog.AnalysisOptions.DefaultSummaryDepth;

    private readonly CompilationAnalysis analysis;
    private readonly ConcurrentDictionary<(IMethodSymbol, int, ConstantFlags), Lazy<HelperSummary?>> cache = new();
    private readonly ConcurrentDictionary<ITypeSymbol, bool> ownerTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableHashSet<ISymbol>> assignedFields = new(SymbolEqualityComparer.Default);

    public HelperSummaries(CompilationAnalysis analysis) => this.analysis = analysis;

    /// <summary>
    /// The helper's summary as seen from a call whose bool arguments <paramref name="flags"/> are constants (an omitted
    /// argument is its default value): <c>CheckResult(status, throwOnError: true)</c> throws on failure, with
    /// <c>false</c> it does not (a helper that throws on failure handles it for its caller).
    /// </summary>
    public HelperSummary? Get(IMethodSymbol method, int depth, ConstantFlags flags = default)
    {
        if (depth <= 0 || method.IsExtern || method.IsAbstract)
        {
            return null;
        }

        method = method.PartialImplementationPart ?? method.OriginalDefinition;
        if (!analysis.Catalog.IsDeclaredHere(method))
        {
            return null;
        }

        // Only the bool parameters the helper branches on can change its summary: other constants share one entry.
        if (!flags.IsEmpty)
        {
            flags = flags.Only(testedFlags.GetOrAdd(method, testedFlagsOf));
        }

        return cache.GetOrAdd((method, depth, flags), key => new Lazy<HelperSummary?>(() => Compute(key.Item1, key.Item2, key.Item3), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>
    /// The summary of a helper only where it can matter to a body that calls it: when the helper reaches a call of a
    /// tracked API within <paramref name="depth"/> levels (itself, its helpers, theirs). The pre-filter asks this for every
    /// call to the project's own methods in every body; most helpers of a real project call no tracked API, and knowing
    /// that costs a walk over their bound operations instead of a control-flow graph and a flow pass per depth.
    /// </summary>
    public HelperSummary? GetReaching(IMethodSymbol method, int depth)
        => Reaches(method, depth) ? Get(method, depth) : null;

    /// <summary>
    /// Does the method call an API that starts a flow (<see cref="ApiKinds.StartsFlow"/>: what every pre-filter asks a
    /// summary about) within <paramref name="depth"/> levels of the project's own methods?
    /// </summary>
    public bool Reaches(IMethodSymbol method, int depth)
    {
        if (depth <= 0 || method.IsExtern || method.IsAbstract)
        {
            return false;
        }

        method = method.PartialImplementationPart ?? method.OriginalDefinition;
        if (!analysis.Catalog.IsDeclaredHere(method))
        {
            return false;
        }

        // Known: reached at a level (yes at any depth from it on), or not within a depth (no at any depth up to it).
        if (reach.TryGetValue(method, out var known) && (known.Level <= depth || known.NotWithin >= depth))
        {
            return known.Level <= depth;
        }

        var calls = calleesOf.GetOrAdd(method, calleesOfUncached);
        var level = calls.CallsApi ? 1 : int.MaxValue;
        if (level > depth)
        {
            foreach (var callee in calls.Helpers)
            {
                if (Reaches(callee, depth - 1))
                {
                    level = depth;
                    break;
                }
            }
        }

        reach.AddOrUpdate(
            method,
            _ => level <= depth ? new Reach(level, 0) : new Reach(int.MaxValue, depth),
            (_, old) => level <= depth ? new Reach(System.Math.Min(old.Level, level), old.NotWithin) : new Reach(old.Level, System.Math.Max(old.NotWithin, depth)));
        return level <= depth;
    }

    private readonly struct Reach
    {
        public Reach(int level, int notWithin)
        {
            Level = level;
            NotWithin = notWithin;
        }

        /// <summary>A depth at which a tracked call is reached (int.MaxValue: none found yet).</summary>
        public int Level { get; }

        /// <summary>The largest depth within which no tracked call is reached.</summary>
        public int NotWithin { get; }
    }

    private sealed class Callees
    {
        public static readonly Callees None = new(false, ImmutableArray<IMethodSymbol>.Empty);

        public Callees(bool callsApi, ImmutableArray<IMethodSymbol> helpers)
        {
            CallsApi = callsApi;
            Helpers = helpers;
        }

        public bool CallsApi { get; }

        /// <summary>The project's own methods it calls (the next level down).</summary>
        public ImmutableArray<IMethodSymbol> Helpers { get; }
    }

    private readonly ConcurrentDictionary<IMethodSymbol, Reach> reach = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Callees> calleesOf = new(SymbolEqualityComparer.Default);
    private Func<IMethodSymbol, Callees>? calleesOfUncachedDelegate;

    private Func<IMethodSymbol, Callees> calleesOfUncached => calleesOfUncachedDelegate ??= CalleesOf;

    /// <summary>
    /// One walk over the method's bound operations (lambdas and local functions in it included: a superset is safe):
    /// does it call an API that starts a flow, and which of the project's methods does it call?
    /// </summary>
    private Callees CalleesOf(IMethodSymbol method)
    {
        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
        if (!syntax.DescendantNodes().Any(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax))
        {
            return Callees.None;
        }

#pragma warning disable RS1030 // Another method's body: the compilation is the only way to bind it (the driver's cached model).
        var body = analysis.Catalog.Compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax);
#pragma warning restore RS1030
        if (body is null)
        {
            return Callees.None;
        }

        var helpers = ImmutableArray.CreateBuilder<IMethodSymbol>();
        foreach (var operation in body.DescendantsAndSelf())
        {
            var target = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation { Constructor: { } constructor } => constructor,
                _ => null,
            };
            if (target is null)
            {
                continue;
            }

            if (ApiKinds.StartsFlow(analysis.Catalog.Classify(target).Kind))
            {
                return new Callees(true, ImmutableArray<IMethodSymbol>.Empty);
            }

            // An interface call on a sealed or struct receiver is summarized as its implementation.
            if (target.ContainingType is { TypeKind: TypeKind.Interface } && operation is IInvocationOperation { Instance: { } instance }
                && Arguments.StripConversions(instance)?.Type is INamedTypeSymbol { TypeKind: TypeKind.Struct } or INamedTypeSymbol { TypeKind: TypeKind.Class, IsSealed: true }
                && Arguments.StripConversions(instance)!.Type!.FindImplementationForInterfaceMember(target) is IMethodSymbol implementation)
            {
                target = implementation;
            }

            if (target.MethodKind != MethodKind.Constructor && analysis.Catalog.IsDeclaredHere(target))
            {
                helpers.Add(target);
            }
        }

        return helpers.Count == 0 ? Callees.None : new Callees(false, helpers.ToImmutable());
    }

    private readonly ConcurrentDictionary<IMethodSymbol, int> testedFlags = new(SymbolEqualityComparer.Default);
    private readonly Func<IMethodSymbol, int> testedFlagsOf = TestedFlagsOf;

    /// <summary>The bool parameters (a bit per ordinal) whose name the helper's syntax uses in a condition.</summary>
    private static int TestedFlagsOf(IMethodSymbol method)
    {
        var mask = 0;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType != SpecialType.System_Boolean || parameter.Ordinal >= 16)
            {
                continue;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax().DescendantNodes())
                {
                    var condition = node switch
                    {
                        IfStatementSyntax i => i.Condition,
                        ConditionalExpressionSyntax c => c.Condition,
                        WhileStatementSyntax w => w.Condition,
                        BinaryExpressionSyntax b when b.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.LogicalAndExpression) || b.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.LogicalOrExpression) => b,
                        _ => null,
                    };
                    if (condition is not null && condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == parameter.Name))
                    {
                        mask |= 1 << parameter.Ordinal;
                    }
                }
            }
        }

        return mask;
    }

    /// <summary>Fields of this or static fields the method assigns (a field's state resets at such a call).</summary>
    public ImmutableHashSet<ISymbol> AssignedFields(IMethodSymbol method)
    {
        method = method.PartialImplementationPart ?? method.OriginalDefinition;
        if (method.IsExtern || !analysis.Catalog.IsDeclaredHere(method))
        {
            return ImmutableHashSet<ISymbol>.Empty;
        }

        return assignedFields.GetOrAdd(method, m =>
        {
            var builder = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var reference in m.DeclaringSyntaxReferences)
            {
#pragma warning disable RS1030 // Another method's body: the compilation is the only way to bind it.
                var model = analysis.Catalog.Compilation.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030
                var body = model.GetOperation(reference.GetSyntax());
                if (body is null)
                {
                    continue;
                }

                foreach (var operation in body.DescendantsAndSelf())
                {
                    var target = operation switch
                    {
                        IAssignmentOperation assignment => assignment.Target,
                        IIncrementOrDecrementOperation increment => increment.Target,
                        _ => null,
                    };
                    if (Transfer.Location(target) is IFieldSymbol field)
                    {
                        builder.Add(field);
                    }
                }
            }

            return builder.ToImmutable();
        });
    }

    /// <summary>A type whose Dispose (or a method it calls) reverts on some path: creating it takes over the revert.</summary>
    public bool IsOwnerType(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named || !analysis.Catalog.IsDeclaredHere(named))
        {
            return false;
        }

        // The owner's Dispose is whatever implements IDisposable.Dispose — public or explicit, class or struct.
        return ownerTypes.GetOrAdd(named, t =>
            DisposeOf((INamedTypeSymbol)t) is { } dispose && Get(dispose, MaxDepth) is { RevertsSometimes: true });
    }

    private IMethodSymbol? DisposeOf(INamedTypeSymbol type)
    {
        var disposable = analysis.Catalog.Compilation.GetSpecialType(SpecialType.System_IDisposable);
        if (disposable.GetMembers("Dispose").FirstOrDefault() is IMethodSymbol contract
            && type.FindImplementationForInterfaceMember(contract) is IMethodSymbol implementation)
        {
            return implementation;
        }

        // A type with a Dispose() but no IDisposable (a using needs one; a finally can call any).
        return type.GetMembers("Dispose").OfType<IMethodSymbol>().FirstOrDefault(m => m.Parameters.Length == 0);
    }

    private int graphsBuilt;

    /// <summary>How many helper graphs the summaries built (tests and the benchmark read it).</summary>
    public int GraphsBuilt => Volatile.Read(ref graphsBuilt);

    // One graph per helper, whatever the depths and constant flags it is summarized with: those change the summary, not
    // the body it runs over. Held with the summaries (per compilation), for the few helpers a candidate body reaches.
    private readonly ConcurrentDictionary<IMethodSymbol, Lazy<ControlFlowGraph?>> graphs = new(SymbolEqualityComparer.Default);

    private ControlFlowGraph? SharedGraphOf(IMethodSymbol method)
        => graphs.GetOrAdd(method, m => new Lazy<ControlFlowGraph?>(
            () =>
            {
                var graph = GraphOf(m);
                if (graph is not null)
                {
                    Interlocked.Increment(ref graphsBuilt);
                }

                return graph;
            },
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private HelperSummary? Compute(IMethodSymbol method, int depth, ConstantFlags flags)
    {
        var graph = SharedGraphOf(method);
        if (graph is null)
        {
            return null;
        }

        // The caller may be impersonating when it calls: seed that, to learn whether the helper reverts.
        var seed = graph.OriginalOperation;
        var initial = PathState.Initial.WithImp(new Impersonation(seed, ApiKind.None, owner: null, workSince: true));

        // Status parameters: does every normal exit see them tested as success (a throw-on-failure checker)?
        var statusParameters = method.Parameters.Where(p => IsStatusType(p.Type)).ToList();
        var results = initial.Results;
        foreach (var p in statusParameters)
        {
            results = results.Add(new TrackedResult(seed, ApiKind.None, ResultConventions.Of(p.Type), socket: null, p.Type).WithHolder(p, isSuccessFlag: false));
        }

        initial = initial.WithResults(results);

        // IPsec settings parameters hold what the caller gave: a secure event on them, unchanged, is judged at the call.
        foreach (var p in method.Parameters)
        {
            if (StructValue.IsIpsecSettings(p.Type))
            {
                initial = initial.WithSlot((initial.Slot<SettingsValues>() ?? SettingsValues.Empty).Holding(p, new StructValue(p.Type, null, p.Ordinal)));
            }
        }

        // Constant bool arguments of the call are known values of their parameters here.
        var known = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var p in method.Parameters)
        {
            if (flags.TryGet(p.Ordinal, out var value))
            {
                known.Add(p);
                initial = initial.WithFact(p, ValueFact.Exactly(value ? 1 : 0));
            }
        }

        var observer = new SummaryObserver();
        var engine = new FlowEngine(graph, analysis, observer, trackExceptionalExits: false, summaryDepth: depth - 1, knownValues: known.ToImmutable());
        engine.Run(initial);

        var exits = observer.Exits;
        if (exits.Count == 0)
        {
            return null;
        }

        var sockets = ImmutableArray.CreateBuilder<ParameterEffect>();
        foreach (var p in method.Parameters)
        {
            var may = SocketEvents.None;
            var must = (SocketEvents)~0;
            foreach (var exit in exits)
            {
                var events = exit.SocketOf(p).Events;
                may |= events;
                must &= events;
            }

            if (may != SocketEvents.None)
            {
                sockets.Add(new ParameterEffect(p.Ordinal, may, must));
            }
        }

        var handleWrites = ImmutableArray.CreateBuilder<(int, ContextWriters)>();
        foreach (var p in method.Parameters)
        {
            var writtenOn = exits.Count(e => e.Slot<HandleProvenance>()?.Knows(p) == true);
            if (writtenOn > 0)
            {
                var writers = writtenOn == exits.Count
                    ? exits.Aggregate(ContextWriters.None, (w, e) => w | e.Slot<HandleProvenance>()!.Of(p))
                    : ContextWriters.None;
                handleWrites.Add((p.Ordinal, writers));
            }
        }

        var revertsAlways = exits.All(e => e.Imp is null);
        var revertsSometimes = exits.Any(e => e.Imp is null);

        // Begin-helper: impersonation begun here is still on at an exit, and nothing but returning ran after it.
        var begins = ApiKind.None;
        var beginResult = ResultConvention.None;
        var returnsOwner = false;
        var begun = exits.Where(e => e.Imp is { } imp && imp.Begin != seed).Select(e => e.Imp!).ToList();
        if (begun.Count > 0)
        {
            if (begun.All(i => i.IsOwned))
            {
                // A factory: its kind is the API it calls.
                returnsOwner = true;
                begins = begun[0].Kind;
            }
            else if (begun.All(i => !i.WorkSince && !i.IsOwned) && !observer.WorkedWhileImpersonating)
            {
                begins = begun[0].Kind;
                beginResult = observer.ReturnsSuccessFlag && !observer.ReturnsTrueUnimpersonated && method.ReturnType.SpecialType == SpecialType.System_Boolean ? ResultConvention.TrueIsSuccess
                    : observer.ReturnsBeginStatus ? ResultConventions.Of(method.ReturnType)
                    : ResultConvention.None;
            }
        }

        var throwsOnFailureOf = statusParameters
            .Where(p => exits.All(e => e.Results.Any(r => r.Call == seed && SymbolEqualityComparer.Default.Equals(r.Holder, p) && r.Tested && r.Outcome == Outcome.Success)))
            .Select(p => p.Ordinal)
            .ToImmutableArray();

        var summary = new HelperSummary(sockets.ToImmutable(), begins, beginResult, returnsOwner, revertsAlways, revertsSometimes, throwsOnFailureOf, observer.DoesWork,
            SocketTypes.CanHoldSocket(method.ReturnType) ? observer.ReturnedSocket : null,
            ResultConventions.Of(method.ReturnType) == ResultConvention.None ? ApiKind.None : observer.ReturnedRevert,
            handleWrites.ToImmutable(),
            observer.ReturnedSettings,
            observer.SettingsParameters.ToImmutableArray());
        return summary.IsEmpty ? null : summary;
    }

    private static bool IsStatusType(ITypeSymbol type)
        => ResultConventions.Of(type) is ResultConvention.ZeroIsSuccess or ResultConvention.HResultStruct;

    /// <summary>The helper's graph: a method body, or a local function inside its containing member's graph.</summary>
    private ControlFlowGraph? GraphOf(IMethodSymbol method)
    {
        var reference = method.DeclaringSyntaxReferences[0];
        var syntax = reference.GetSyntax();
        // Cheap pre-check before binding: a helper calls something, (a status checker) throws, or builds IPsec settings.
        var hasStatusParameter = method.Parameters.Any(p => IsStatusType(p.Type));
        if (!StructValue.IsIpsecSettings(method.ReturnType)
            && !syntax.DescendantNodes().Any(n => n is InvocationExpressionSyntax || (hasStatusParameter && n is ThrowStatementSyntax or ThrowExpressionSyntax)))
        {
            return null;
        }

#pragma warning disable RS1030 // A summary needs another method's body; the compilation is the only way to bind it.
        var model = analysis.Catalog.Compilation.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030

        if (method.MethodKind == MethodKind.LocalFunction)
        {
            var container = syntax.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax);
            return container is not null && Create(model.GetOperation(container)) is { } root ? FindLocalFunctionGraph(root, method) : null;
        }

        return syntax is BaseMethodDeclarationSyntax ? Create(model.GetOperation(syntax)) : null;
    }

    private static ControlFlowGraph? Create(IOperation? body) => body switch
    {
        IMethodBodyOperation method => ControlFlowGraph.Create(method),
        IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor),
        _ => null,
    };

    private static ControlFlowGraph? FindLocalFunctionGraph(ControlFlowGraph graph, IMethodSymbol localFunction)
    {
        var pending = new Stack<ControlFlowGraph>();
        pending.Push(graph);
        while (pending.Count > 0)
        {
            var g = pending.Pop();
            foreach (var candidate in g.LocalFunctions)
            {
                var child = g.GetLocalFunctionControlFlowGraph(candidate);
                if (SymbolEqualityComparer.Default.Equals(candidate, localFunction))
                {
                    return child;
                }

                pending.Push(child);
            }
        }

        return null;
    }

    private static bool IsNoSocket(IOperation? value)
        => Arguments.IsNullHandle(value)
           || Arguments.StripConversions(value) is IFieldReferenceOperation { Field.Name: "INVALID_SOCKET" } or IPropertyReferenceOperation { Property.Name: "INVALID_SOCKET" };

    private sealed class SummaryObserver : FlowObserver
    {
        public List<PathState> Exits { get; } = new();

        /// <summary>Parameters passed as the settings of a secure event (by value, <c>ref</c>, <c>in</c> or <c>&amp;</c>).</summary>
        public SortedSet<int> SettingsParameters { get; } = new();

        public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
        {
            if (e.Kind != ApiKind.Secure)
            {
                return;
            }

            var settings = e.Settings ?? (e.Operation is IInvocationOperation call ? engine.Context.Catalog.Classify(call.TargetMethod).Argument(call, ArgumentRole.Settings) : null);
            if (StructValues.Passed(engine, state, settings) is { GivenIn: { } ordinal })
            {
                SettingsParameters.Add(ordinal);
            }
        }

        public bool ReturnsBeginStatus { get; private set; }

        /// <summary>Returns whether the begin succeeded (<c>return status == 0;</c>, or <c>return true;</c> only while impersonating): a bool status for its callers.</summary>
        public bool ReturnsSuccessFlag { get; private set; }

        public bool ReturnsTrueUnimpersonated { get; private set; }

        public bool DoesWork { get; private set; }

        public bool WorkedWhileImpersonating { get; private set; }

        public override void OnWork(FlowEngine engine, PathState state, IOperation operation)
        {
            DoesWork = true;
            if (state.Imp is { Kind: not ApiKind.None })
            {
                WorkedWhileImpersonating = true;
            }
        }

        public override void OnExit(FlowEngine engine, PathState state, bool exceptional)
        {
            if (!exceptional)
            {
                Exits.Add(state);
            }
        }

        private SocketFacts? returnedSockets;
        private bool returnsUntracked;

        /// <summary>
        /// The union of what every return that gives a socket gave; a return of some other value (a socket the helper
        /// did not create) makes the provenance unseen. A failure return of no socket (null, 0, INVALID_SOCKET) is none.
        /// </summary>
        public SocketFacts? ReturnedSocket
            => returnedSockets is null ? null : returnsUntracked ? returnedSockets.Union(SocketFacts.Empty) : returnedSockets;

        /// <summary>The kind of the revert whose status every return that returns one gives back (None when no return does).</summary>
        public ApiKind ReturnedRevert { get; private set; }

        private bool returnsOtherSettings;
        private StructValue? returnedSettings;

        /// <summary>The settings structure every return gives, when each one is known (a builder of C-SEC-8's structure).</summary>
        public StructValue? ReturnedSettings => returnsOtherSettings ? null : returnedSettings;

        public override void OnReturn(FlowEngine engine, PathState state, IOperation value)
        {
            if (StructValue.IsIpsecSettings(value.Type))
            {
                var settings = StructValues.ValueOf(engine, state, value);
                if (settings is null || (returnedSettings is not null && !SymbolEqualityComparer.Default.Equals(returnedSettings.Type, settings.Type)))
                {
                    returnsOtherSettings = true;
                }
                else
                {
                    returnedSettings = returnedSettings is null || returnedSettings.Protocol == settings.Protocol ? settings : new StructValue(settings.Type, null);
                }
            }

            if (RevertStatus.KindOf(engine, Conditions.See(engine, value)) is var revert and not ApiKind.None)
            {
                ReturnedRevert = revert;
            }

            if (Transfer.SocketOfValue(engine, state, value) is { } socket)
            {
                returnedSockets = returnedSockets is null ? socket : returnedSockets.Union(socket);
            }
            else if (!IsNoSocket(Conditions.See(engine, value)))
            {
                returnsUntracked = true;
            }

            var returnsTrue = Conditions.See(engine, value)?.ConstantValue is { HasValue: true, Value: true };
            if (state.Imp is not { Kind: not ApiKind.None } imp)
            {
                // A path that returns true without impersonating makes true no success flag.
                ReturnsTrueUnimpersonated |= returnsTrue;
                return;
            }

            if (Conditions.FindResult(engine, state, value) is { } r && r.Call == imp.Begin)
            {
                ReturnsBeginStatus = true;
            }
            else if (Transfer.SuccessFlagOf(engine, state, Conditions.See(engine, value)) is { } flag && flag.Call == imp.Begin)
            {
                ReturnsSuccessFlag = true;
            }
            else if (returnsTrue)
            {
                // return true; on the path that is impersonating (return false; on the failure paths, which are not).
                ReturnsSuccessFlag = true;
            }
        }
    }
}
