using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Flow;

/// <summary>What every flow pass of one compilation shares: the API catalog and the helper summaries.</summary>
internal sealed class CompilationAnalysis
{
    private static readonly ConditionalWeakTable<Compilation, Holder> Shared = new();

    /// <summary>
    /// One instance per compilation, shared by every rule analyzer and code fix, so the activity check, the catalog
    /// and the helper summaries are computed once; null when the compilation references none of the APIs. Held weakly
    /// by the compilation, so nothing outlives it.
    /// </summary>
    public static CompilationAnalysis? For(Compilation compilation)
        => Shared.GetValue(compilation, c => new Holder(ApiCatalog.TryCreate(c) is { } catalog ? new CompilationAnalysis(catalog) : null)).Analysis;

    private sealed class Holder
    {
        public Holder(CompilationAnalysis? analysis) => Analysis = analysis;

        public CompilationAnalysis? Analysis { get; }
    }

    private CompilationAnalysis(ApiCatalog catalog)
    {
        Catalog = catalog;
        Summaries = new Summaries.HelperSummaries(this);
    }

    private Lazy<CandidateBodies>? candidates;

    /// <summary>The bodies worth the pre-filter's walk, indexed once per compilation by the first body that asks.</summary>
    public CandidateBodies Candidates(CancellationToken cancellationToken)
    {
        while (true)
        {
            var lazy = Volatile.Read(ref candidates);
            if (lazy is null)
            {
                var created = new Lazy<CandidateBodies>(() => CandidateBodies.Build(Catalog, Flow.Summaries.HelperSummaries.MaxDepth, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
                lazy = Interlocked.CompareExchange(ref candidates, created, null) ?? created;
            }

            try
            {
                return lazy.Value;
            }
            catch (OperationCanceledException)
            {
                // A cancelled index is not remembered. Cancelled by another request's token (the first caller's): build it
                // again with ours; by ours: let it end this request.
                Interlocked.CompareExchange(ref candidates, null, lazy);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    public ApiCatalog Catalog { get; }

    public Summaries.HelperSummaries Summaries { get; }
}
