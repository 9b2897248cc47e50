using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SecureSockets.Analyzers.Rules;

/// <summary>
/// Collects a body's diagnostics: one per rule and location, however many paths and fixed-point rounds find it.
/// The first report wins (states only grow, so a later one says nothing new).
/// </summary>
internal sealed class DiagnosticSink
{
    private readonly Dictionary<(string Id, TextSpan Span, SyntaxTree? Tree), Diagnostic> diagnostics = new();
    private readonly ReportContext context;

    public DiagnosticSink(ReportContext context) => this.context = context;

    public void Report(DiagnosticDescriptor descriptor, SyntaxNode at, IOperation? related, ImmutableDictionary<string, string?>? properties, FixFactsWriter? facts, params object?[] args)
    {
        var location = at.GetLocation();
        var key = (descriptor.Id, location.SourceSpan, location.SourceTree);
        if (diagnostics.ContainsKey(key))
        {
            return;
        }

        if (facts is not null)
        {
            var builder = (properties ?? ImmutableDictionary<string, string?>.Empty).ToBuilder();
            facts(builder, at, context);
            properties = builder.ToImmutable();
        }

        var additional = related is null ? null : new[] { related.Syntax.GetLocation() };
        diagnostics[key] = Diagnostic.Create(descriptor, location, additional, properties, args);
    }

    public void Report(DiagnosticDescriptor descriptor, SyntaxTree tree, TextSpan span, IOperation? related, params object?[] args)
    {
        var location = Location.Create(tree, span);
        var key = (descriptor.Id, span, (SyntaxTree?)tree);
        if (diagnostics.ContainsKey(key))
        {
            return;
        }

        var additional = related is null ? null : new[] { related.Syntax.GetLocation() };
        diagnostics[key] = Diagnostic.Create(descriptor, location, additional, properties: null, args);
    }

    public IEnumerable<Diagnostic> Diagnostics => diagnostics.Values;
}
