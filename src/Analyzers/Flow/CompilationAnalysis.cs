using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Flow;

/// <summary>What every flow pass of one compilation shares: the API catalog and the helper summaries.</summary>
internal sealed class CompilationAnalysis
{
    public CompilationAnalysis(ApiCatalog catalog)
    {
        Catalog = catalog;
    }

    public ApiCatalog Catalog { get; }
}
