using System.Runtime.CompilerServices;
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

    public ApiCatalog Catalog { get; }

    public Summaries.HelperSummaries Summaries { get; }
}
