using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>Does this call make a body worth a flow pass?</summary>
internal delegate bool TrackedCallFilter(CompilationAnalysis analysis, IInvocationOperation invocation);

/// <summary>
/// One rule's whole logic (sonar-dotnet's rule-check shape): which calls make a body worth a flow pass for it, what it
/// watches in the pass (the <see cref="FlowObserver"/> callbacks), what it reports and where. A new instance runs per
/// body, so a check may keep per-body state. The engine calls every enabled check and knows none by id; adding a rule
/// adds a check type (found by <see cref="All"/>), not an edit to the engine.
/// </summary>
internal abstract class RuleCheck : FlowObserver
{
    /// <summary>Every check type in this assembly, one prototype each, in rule id order.</summary>
    public static readonly ImmutableArray<RuleCheck> All = typeof(RuleCheck).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(RuleCheck).IsAssignableFrom(t))
        .Select(t => (RuleCheck)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Rule.Id, StringComparer.Ordinal)
        .ToImmutableArray();

    private DiagnosticSink? sink;

    /// <summary>The rule this check reports.</summary>
    public abstract DiagnosticDescriptor Rule { get; }

    /// <summary>
    /// Pre-filter: which calls make a body worth a control-flow graph for this rule (any of these filters). Checks share
    /// the filter instances, so the pass asks each distinct filter once per call.
    /// </summary>
    public abstract ImmutableArray<TrackedCallFilter> TrackedCalls { get; }

    /// <summary>A fresh instance of this check for one body, reporting into <paramref name="into"/>.</summary>
    public RuleCheck ForBody(DiagnosticSink into)
    {
        var check = (RuleCheck)Activator.CreateInstance(GetType())!;
        check.sink = into;
        return check;
    }

    /// <summary>
    /// Is the rule switched off for this tree (severity none in .editorconfig or a global config, or suppressed by the
    /// compilation's options)? A disabled rule's check does not run, and a body no enabled check cares about gets no graph.
    /// </summary>
    public bool IsDisabled(Compilation compilation, SyntaxTree tree, CancellationToken cancellationToken)
    {
        var options = compilation.Options;
        var id = Rule.Id;
        ReportDiagnostic report;
        if (options.SyntaxTreeOptionsProvider is { } perTree && perTree.TryGetDiagnosticValue(tree, id, cancellationToken, out report))
        {
            return report == ReportDiagnostic.Suppress;
        }

        if (options.SpecificDiagnosticOptions.TryGetValue(id, out report))
        {
            return report == ReportDiagnostic.Suppress;
        }

        if (options.SyntaxTreeOptionsProvider is { } global && global.TryGetGlobalDiagnosticValue(id, cancellationToken, out report))
        {
            return report == ReportDiagnostic.Suppress;
        }

        return !Rule.IsEnabledByDefault;
    }

    protected void Report(SyntaxNode at, IOperation? related, params object?[] args)
        => sink!.Report(Rule, at, related, properties: null, facts: null, args);

    /// <summary>Reports with what the rule's fix needs to know (diagnostic properties: fixes read what the analyzer knew).</summary>
    protected void Report(SyntaxNode at, IOperation? related, ImmutableDictionary<string, string?>? properties, params object?[] args)
        => sink!.Report(Rule, at, related, properties, facts: null, args);

    /// <summary>Reports with the facts <paramref name="facts"/> writes for the rule's fix, once, if the diagnostic is new.</summary>
    protected void Report(SyntaxNode at, IOperation? related, FixFactsWriter facts, params object?[] args)
        => sink!.Report(Rule, at, related, properties: null, facts, args);

    protected void Report(SyntaxTree tree, TextSpan span, IOperation? related, params object?[] args)
        => sink!.Report(Rule, tree, span, related, args);

    /// <summary>
    /// Could the socket have had events this flow did not see? Given to code we cannot see into (a field: to a method that
    /// can reach it), or used inside a lambda or local function of the body. Rules that need an event's absence ("never
    /// connected", "never named") stay silent then (out of sight is silent).
    /// </summary>
    protected static bool MayHaveUnseenEvents(FlowEngine engine, ISymbol socket, SocketFacts facts)
        => facts.Has(SocketEvents.Escaped) || engine.IsCapturedByNestedFunction(socket);

    private static readonly TrackedCallFilter SecuresOrNamesFilter = SecuresOrNamesCall;
    private static readonly TrackedCallFilter BeginsImpersonationFilter = BeginsImpersonationCall;

    /// <summary>Pre-filter of the socket-order rules: the call secures or names a socket, directly or through a summarized helper.</summary>
    protected static readonly ImmutableArray<TrackedCallFilter> SecuresOrNames = ImmutableArray.Create(SecuresOrNamesFilter);

    /// <summary>Pre-filter of the impersonation rules: the call begins an impersonation, directly, through the wrapper or a helper.</summary>
    protected static readonly ImmutableArray<TrackedCallFilter> BeginsImpersonation = ImmutableArray.Create(BeginsImpersonationFilter);

    /// <summary>Pre-filter of the revert rules: the call reverts, or is a summarized helper that returns its revert's status.</summary>
    protected static readonly ImmutableArray<TrackedCallFilter> Reverts = ImmutableArray.Create<TrackedCallFilter>(RevertsCall);

    /// <summary>Pre-filter of the rules about any secure-socket event: either of the two above.</summary>
    protected static readonly ImmutableArray<TrackedCallFilter> SecuresNamesOrImpersonates = ImmutableArray.Create(SecuresOrNamesFilter, BeginsImpersonationFilter);

    private static bool SecuresOrNamesCall(CompilationAnalysis analysis, IInvocationOperation invocation)
    {
        var api = analysis.Catalog.Classify(invocation.TargetMethod);
        if (ApiKinds.SecuresOrNames(api.Kind))
        {
            return true;
        }

        return api.Kind == ApiKind.None
               && analysis.Summaries.GetReaching(invocation.TargetMethod, Flow.Summaries.HelperSummaries.MaxDepth) is { } summary
               && summary.Sockets.Any(p => (p.May & (SocketEvents.Secured | SocketEvents.Named)) != 0);
    }

    private static bool RevertsCall(CompilationAnalysis analysis, IInvocationOperation invocation)
    {
        var api = analysis.Catalog.Classify(invocation.TargetMethod);
        if (ApiKinds.Reverts(api.Kind))
        {
            return true;
        }

        return api.Kind == ApiKind.None
               && analysis.Summaries.GetReaching(invocation.TargetMethod, Flow.Summaries.HelperSummaries.MaxDepth) is { ReturnsRevertStatus: not ApiKind.None };
    }

    private static bool BeginsImpersonationCall(CompilationAnalysis analysis, IInvocationOperation invocation)
    {
        var kind = analysis.Catalog.Classify(invocation.TargetMethod).Kind;
        if (ApiKinds.BeginsImpersonation(kind))
        {
            return true;
        }

        return kind == ApiKind.None
               && analysis.Summaries.GetReaching(invocation.TargetMethod, Flow.Summaries.HelperSummaries.MaxDepth) is { } summary
               && (summary.Begins != ApiKind.None || summary.ReturnsOwner);
    }
}
