using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Flow;

/// <summary>What every flow pass of one compilation shares: the API catalog and the helper summaries.</summary>
internal sealed class CompilationAnalysis
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.CodeAnalysis.Compilation, CompilationAnalysis> Shared = new();

    /// <summary>
    /// One instance per compilation, shared by the rule families so helper summaries are computed once; held weakly
    /// by the compilation, so nothing outlives it.
    /// </summary>
    public static CompilationAnalysis For(ApiCatalog catalog)
        => Shared.GetValue(catalog.Compilation, _ => new CompilationAnalysis(catalog));

    private CompilationAnalysis(ApiCatalog catalog)
    {
        Catalog = catalog;
        Summaries = new Summaries.HelperSummaries(this);
    }

    public ApiCatalog Catalog { get; }

    public Summaries.HelperSummaries Summaries { get; }
}
