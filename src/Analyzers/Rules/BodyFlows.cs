using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;

namespace SecureSockets.Analyzers.Rules;

/// <summary>
/// The one flow pass per body that serves every enabled rule check, for a whole file at once: computed by whichever rule
/// analyzer reaches the file first, read by the others. A file the name index did not read costs each analyzer a lookup;
/// in a file it read, only the bodies it found candidates are bound and walked. Held per compilation (weakly, with the
/// compilation's <see cref="CompilationAnalysis"/>).
/// </summary>
internal sealed class BodyFlows
{
    private static readonly ConditionalWeakTable<CompilationAnalysis, BodyFlows> Shared = new();

    private readonly CompilationAnalysis analysis;
    private readonly ConcurrentDictionary<SyntaxTree, Lazy<ImmutableArray<Diagnostic>>> results = new();
    private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<RuleCheck>> enabledChecks = new();
    private readonly ConcurrentDictionary<SyntaxTree, AnalysisOptions> options = new();

    private int graphsBuilt;

    private BodyFlows(CompilationAnalysis analysis) => this.analysis = analysis;

    /// <summary>How many bodies got a control-flow graph (what the pre-filter let through; tests and the benchmark read it).</summary>
    public int GraphsBuilt => Volatile.Read(ref graphsBuilt);

    public static BodyFlows For(CompilationAnalysis analysis) => Shared.GetValue(analysis, a => new BodyFlows(a));

    /// <summary>All enabled rules' diagnostics for the file the context analyzes (computed once).</summary>
    public ImmutableArray<Diagnostic> DiagnosticsOf(SemanticModelAnalysisContext context)
    {
        // Most files of a project name nothing that can reach a tracked call: a lookup (methods the options name are not
        // in the index: their files are always analyzed).
        var tree = context.SemanticModel.SyntaxTree;
        var fileOptions = OptionsOf(tree, context.Options.AnalyzerConfigOptionsProvider);
        if (!fileOptions.NamesMethods && !analysis.Candidates(context.CancellationToken).Reads(tree))
        {
            return ImmutableArray<Diagnostic>.Empty;
        }

        while (true)
        {
            // The first rule to reach the file computes; the others find it (no closure allocated for them).
            if (!results.TryGetValue(tree, out var entry))
            {
                entry = results.GetOrAdd(tree, new Lazy<ImmutableArray<Diagnostic>>(() => Compute(context.SemanticModel, fileOptions, context.CancellationToken), LazyThreadSafetyMode.ExecutionAndPublication));
            }

            try
            {
                return entry.Value;
            }
            catch (OperationCanceledException)
            {
                // A cancelled computation is not remembered. Cancelled by another rule's request: compute again with this
                // one's token (another token's cancellation thrown here would be an analyzer exception); by this one's: end.
                ((ICollection<KeyValuePair<SyntaxTree, Lazy<ImmutableArray<Diagnostic>>>>)results).Remove(new KeyValuePair<SyntaxTree, Lazy<ImmutableArray<Diagnostic>>>(tree, entry));
                context.CancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private readonly ConcurrentDictionary<ImmutableArray<RuleCheck>, TrackedCallFilter[]> filtersOf = new();

    /// <summary>The distinct filters of a set of enabled checks (one array per set, not one per body).</summary>
    private TrackedCallFilter[] Filters(ImmutableArray<RuleCheck> checks)
        => filtersOf.GetOrAdd(checks, c => c.SelectMany(x => x.TrackedCalls).Distinct().ToArray());

    private ImmutableArray<RuleCheck> EnabledChecks(SyntaxTree tree, CancellationToken cancellationToken)
        => enabledChecks.GetOrAdd(tree, t => RuleCheck.All.Where(c => !c.IsDisabled(analysis.Catalog.Compilation, t, cancellationToken)).ToImmutableArray());

    private ImmutableArray<Diagnostic> Compute(SemanticModel model, AnalysisOptions fileOptions, CancellationToken cancellationToken)
    {
        var tree = model.SyntaxTree;
        var checks = EnabledChecks(tree, cancellationToken);
        if (checks.IsEmpty)
        {
            return ImmutableArray<Diagnostic>.Empty;
        }

        var filters = Filters(checks);
        var index = analysis.Candidates(cancellationToken);
        var root = (CompilationUnitSyntax)tree.GetRoot(cancellationToken);
        var sink = new DiagnosticSink(new ReportContext(model, cancellationToken));
        foreach (var owner in Bodies(root))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if ((!fileOptions.NamesMethods && owner is not CompilationUnitSyntax && !index.IsCandidate(owner)) || IsMarkedGenerated(owner, model, cancellationToken))
            {
                continue;
            }

            var block = model.GetOperation(owner, cancellationToken);
            if (block is null || !FlowDriver.IsFlowRoot(block) || !FlowDriver.Scan(block, operation => IsTrackedCall(filters, fileOptions, operation), out var hasLambdas))
            {
                continue;
            }

            ControlFlowGraph cfg;
            try
            {
                cfg = FlowDriver.GraphOf(block, cancellationToken);
                Interlocked.Increment(ref graphsBuilt);
            }
            catch (ArgumentException)
            {
                // A block the compiler cannot build a graph for (erroneous code being typed): stay silent.
                continue;
            }

            var observer = new CompositeObserver(checks.Select(c => c.ForBody(sink)).ToImmutableArray());
            FlowDriver.Run(cfg, hasLambdas, analysis, observer, fileOptions, cancellationToken);
        }

        return sink.Diagnostics.ToImmutableArray();
    }

    /// <summary>
    /// Is the body in a member or type marked <c>[GeneratedCode]</c>? Generated code is not analyzed: the driver skips
    /// generated files, and a member or type with the attribute is generated code too. Types are asked through their
    /// symbols (the attribute may be on another partial part); members by their own attribute lists.
    /// </summary>
    private static bool IsMarkedGenerated(SyntaxNode owner, SemanticModel model, CancellationToken cancellationToken)
    {
        for (var node = owner; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case BaseTypeDeclarationSyntax type:
                    if (model.GetDeclaredSymbol(type, cancellationToken) is { } symbol && symbol.GetAttributes().Any(IsGeneratedCode))
                    {
                        return true;
                    }

                    break;
                case MemberDeclarationSyntax member when HasGeneratedCode(member.AttributeLists):
                case AccessorDeclarationSyntax accessor when HasGeneratedCode(accessor.AttributeLists):
                    return true;
            }
        }

        return false;
    }

    private static bool IsGeneratedCode(AttributeData attribute)
        => attribute.AttributeClass is { Name: "GeneratedCodeAttribute" } type && KnownTypes.IsInNamespace(type, "System", "CodeDom", "Compiler");

    private static bool HasGeneratedCode(SyntaxList<AttributeListSyntax> lists)
        => AttributeNames.Any(lists, name => name is "GeneratedCode" or "GeneratedCodeAttribute");

    /// <summary>Every body of the file: its members' code, and its top-level statements (one body, the file's root).</summary>
    private static IEnumerable<SyntaxNode> Bodies(CompilationUnitSyntax root)
    {
        if (root.Members.Any(m => m is GlobalStatementSyntax))
        {
            yield return root;
        }

        foreach (var owner in CandidateBodies.BodyOwners(root))
        {
            yield return owner;
        }
    }

    /// <summary>The file's options (.editorconfig, global configs), read once per tree.</summary>
    private AnalysisOptions OptionsOf(SyntaxTree tree, AnalyzerConfigOptionsProvider provider)
        => options.GetOrAdd(tree, t =>
        {
            var config = provider.GetOptions(t);
            return AnalysisOptions.Read(key => config.TryGetValue(key, out var value) ? value : null);
        });

    private bool IsTrackedCall(TrackedCallFilter[] filters, AnalysisOptions fileOptions, IOperation operation)
    {
        if (operation is not IInvocationOperation invocation)
        {
            return false;
        }

        // A method the file's options name as a begin or a revert is a tracked call too.
        if (fileOptions.NamesMethods && (fileOptions.BeginOf(invocation.TargetMethod) != ApiKind.None || fileOptions.IsRevert(invocation.TargetMethod)))
        {
            return true;
        }

        foreach (var filter in filters)
        {
            if (filter(analysis, invocation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every check sees every callback of the shared pass, in rule id order.</summary>
    private sealed class CompositeObserver : FlowObserver
    {
        private readonly ImmutableArray<RuleCheck> checks;

        public CompositeObserver(ImmutableArray<RuleCheck> checks) => this.checks = checks;

        public override void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
        {
            foreach (var c in checks)
            {
                c.BeforeEvent(engine, state, e);
            }
        }

        public override void OnSuspension(FlowEngine engine, PathState state, IOperation operation, SyntaxNode reportAt)
        {
            foreach (var c in checks)
            {
                c.OnSuspension(engine, state, operation, reportAt);
            }
        }

        public override void OnWork(FlowEngine engine, PathState state, IOperation operation)
        {
            foreach (var c in checks)
            {
                c.OnWork(engine, state, operation);
            }
        }

        public override void OnReturn(FlowEngine engine, PathState state, IOperation value)
        {
            foreach (var c in checks)
            {
                c.OnReturn(engine, state, value);
            }
        }

        public override void OnExit(FlowEngine engine, PathState state, bool exceptional)
        {
            foreach (var c in checks)
            {
                c.OnExit(engine, state, exceptional);
            }
        }

        public override void OnCompleted(FlowEngine engine)
        {
            foreach (var c in checks)
            {
                c.OnCompleted(engine);
            }
        }
    }
}
