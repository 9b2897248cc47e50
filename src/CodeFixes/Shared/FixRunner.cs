using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Rules;

namespace SecureSockets.CodeFixes.Shared;

/// <summary>
/// Where a diagnostic is: the flagged API call, the node of its additional location (the first connect, ...), and what
/// the analyzer knew (its properties, with the nodes they name found in the tree the fix edits).
/// </summary>
internal sealed class FixSite : IFixFacts
{
    private readonly IReadOnlyDictionary<string, (SyntaxNode? Node, bool Written)[]> nodes;

    public FixSite(Document document, SyntaxNode root, SemanticModel model, ApiCatalog catalog, InvocationExpressionSyntax call, SyntaxNode? related,
        SyntaxNode? diagnosed, ImmutableDictionary<string, string?> properties, IReadOnlyDictionary<string, (SyntaxNode? Node, bool Written)[]> nodes)
    {
        Diagnosed = diagnosed ?? call;
        Properties = properties;
        this.nodes = nodes;
        Document = document;
        Root = root;
        Model = model;
        Catalog = catalog;
        Call = call;
        Related = related;
    }

    public Document Document { get; }

    public SyntaxNode Root { get; }

    public SemanticModel Model { get; }

    public ApiCatalog Catalog { get; }

    public InvocationExpressionSyntax Call { get; }

    public SyntaxNode? Related { get; }

    /// <summary>The node the diagnostic is on: the call itself, or one of its arguments (a settings or length argument).</summary>
    public SyntaxNode Diagnosed { get; }

    /// <summary>What the analyzer knew that the fix needs (the diagnostic's properties).</summary>
    public ImmutableDictionary<string, string?> Properties { get; }

    public SyntaxNode? Node(string key, int index) => nodes.TryGetValue(key, out var list) && index < list.Length ? list[index].Node : null;

    public int NodeCount(string key) => nodes.TryGetValue(key, out var list) ? list.Length : 0;

    public bool Wrote(string key, int index) => nodes.TryGetValue(key, out var list) && index < list.Length && list[index].Written;

    public string? Property(string key) => Properties.TryGetValue(key, out var value) ? value : null;
}

/// <summary>One fix: the new syntax root for a site, or null when no faithful fix exists there.</summary>
internal sealed class FixKind
{
    /// <param name="title">What the light bulb shows.</param>
    /// <param name="name">The fix's name within its rule; its equivalence key is <c>&lt;rule id&gt;.&lt;name&gt;</c> (<see cref="ForRule"/>).</param>
    /// <param name="apply">The new root for a site, or null where no faithful fix exists.</param>
    public FixKind(string title, string name, System.Func<FixSite, CancellationToken, SyntaxNode?> apply)
    {
        Title = title;
        EquivalenceKey = name;
        Apply = apply;
    }

    public string Title { get; }

    /// <summary>Fix All applies the fix with the same key everywhere.</summary>
    public string EquivalenceKey { get; }

    /// <summary>This fix as one of the rule's fixes: its key derived from the rule's id, never typed.</summary>
    public FixKind ForRule(DiagnosticDescriptor rule) => new(Title, rule.Id + "." + EquivalenceKey, Apply);

    public System.Func<FixSite, CancellationToken, SyntaxNode?> Apply { get; }
}

/// <summary>
/// Registers a provider's fixes (computed up front, so a fix is offered only where it applies) and runs Fix All by
/// applying the fixes of a document one after the other on the updated document: a later fix sees the using an
/// earlier one added, the names it took, and statements it moved.
/// </summary>
internal static class FixRunner
{
    public static async Task RegisterAsync(CodeFixContext context, IReadOnlyList<FixKind> kinds)
    {
        var document = context.Document;
        var cancellationToken = context.CancellationToken;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || CompilationAnalysis.For(model.Compilation)?.Catalog is not { } catalog)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Locate(root, diagnostic) is not var (call, diagnosed))
            {
                continue;
            }

            var nodes = FixFacts.NodeKeys.ToDictionary(k => k, k => FixFacts.Spans(diagnostic.Properties.GetValueOrDefault(k)).Select(s => (s is { } span ? FixFacts.NodeAt(root, span) : null, s.HasValue)).ToArray());
            var site = new FixSite(document, root, model, catalog, call, LocateRelated(root, diagnostic), diagnosed, diagnostic.Properties, nodes);
            foreach (var kind in kinds)
            {
                var newRoot = kind.Apply(site, cancellationToken);
                if (newRoot is null)
                {
                    continue;
                }

                var fixedDocument = await FinishAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
                context.RegisterCodeFix(
                    CodeAction.Create(kind.Title, _ => Task.FromResult(fixedDocument), kind.EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>Fix All in document, project and solution: the fixes of one document applied in sequence.</summary>
    public static FixAllProvider FixAll(IReadOnlyList<FixKind> kinds) => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var kind = kinds.FirstOrDefault(k => k.EquivalenceKey == context.CodeActionEquivalenceKey);
        if (kind is null || diagnostics.IsEmpty)
        {
            return document;
        }

        return await ApplyAllAsync(document, diagnostics, kind, context.CancellationToken).ConfigureAwait(false);
    });

    private static async Task<Document> ApplyAllAsync(Document document, ImmutableArray<Diagnostic> diagnostics, FixKind kind, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // Mark each diagnostic's call, related node and fact nodes, so they are found again after earlier fixes changed the tree.
        var marks = new List<(SyntaxAnnotation Call, SyntaxAnnotation Related, SyntaxAnnotation Diagnosed, ImmutableDictionary<string, string?> Properties, Dictionary<string, (SyntaxAnnotation? Mark, bool Written)[]> Facts, string Ancestry)>();
        var annotations = new Dictionary<SyntaxNode, List<SyntaxAnnotation>>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (Locate(root, diagnostic) is not var (call, diagnosed))
            {
                continue;
            }

            var facts = new Dictionary<string, (SyntaxAnnotation? Mark, bool Written)[]>();
            foreach (var key in FixFacts.NodeKeys)
            {
                facts[key] = FixFacts.Spans(diagnostic.Properties.GetValueOrDefault(key)).Select(s =>
                {
                    if (s is not { } span || FixFacts.NodeAt(root, span) is not { } node)
                    {
                        return ((SyntaxAnnotation?)null, s.HasValue);
                    }

                    var annotation = new SyntaxAnnotation("SecureSockets.Fact");
                    Add(annotations, node, annotation);
                    return (annotation, true);
                }).ToArray();
            }

            var mark = (new SyntaxAnnotation("SecureSockets.Call"), new SyntaxAnnotation("SecureSockets.Related"), new SyntaxAnnotation("SecureSockets.Diagnosed"), diagnostic.Properties, facts, Ancestry(call));
            marks.Add(mark);
            Add(annotations, call, mark.Item1);
            Add(annotations, diagnosed, mark.Item3);
            if (LocateRelated(root, diagnostic) is { } related)
            {
                Add(annotations, related, mark.Item2);
            }
        }

        root = root.ReplaceNodes(annotations.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(annotations[original]));
        document = document.WithSyntaxRoot(root);
        foreach (var (callMark, relatedMark, diagnosedMark, properties, facts, ancestry) in marks)
        {
            root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null || CompilationAnalysis.For(model.Compilation)?.Catalog is not { } catalog
                || root.GetAnnotatedNodes(callMark).OfType<InvocationExpressionSyntax>().FirstOrDefault() is not { } call)
            {
                continue;
            }

            // An earlier fix put this call in new surroundings (inside the try or scope it wrote, a revert now in its
            // finally): what the analyzer knew of it may no longer hold, so this one waits for the next analysis.
            if (Ancestry(call) != ancestry)
            {
                continue;
            }

            var current = root;
            var nodes = facts.ToDictionary(f => f.Key, f => f.Value.Select(a => (a.Mark is null ? null : current.GetAnnotatedNodes(a.Mark).FirstOrDefault(), a.Written)).ToArray());
            var site = new FixSite(document, root, model, catalog, call, root.GetAnnotatedNodes(relatedMark).FirstOrDefault(),
                root.GetAnnotatedNodes(diagnosedMark).FirstOrDefault(), properties, nodes);
            if (kind.Apply(site, cancellationToken) is { } newRoot)
            {
                document = await FinishAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
            }
        }

        return document;
    }

    /// <summary>The kinds of the nodes that enclose <paramref name="node"/>, innermost first.</summary>
    private static string Ancestry(SyntaxNode node) => string.Join(",", node.Ancestors().Select(a => a.RawKind));

    private static void Add(Dictionary<SyntaxNode, List<SyntaxAnnotation>> annotations, SyntaxNode node, SyntaxAnnotation annotation)
    {
        if (!annotations.TryGetValue(node, out var list))
        {
            list = new List<SyntaxAnnotation>();
            annotations[node] = list;
        }

        list.Add(annotation);
    }

    /// <summary>Simplifies and formats what a fix wrote (the nodes it annotated), nothing else.</summary>
    private static async Task<Document> FinishAsync(Document document, CancellationToken cancellationToken)
    {
        document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The diagnosed call, and the node the diagnostic is on: the call, or an argument of it.</summary>
    private static (InvocationExpressionSyntax Call, SyntaxNode Diagnosed)? Locate(SyntaxNode root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (diagnostic.Location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(span))
        {
            return null;
        }

        var node = root.FindNode(span, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } call && call.Span == span)
        {
            return (call, call);
        }

        return node.Span == span && node.FirstAncestorOrSelf<ArgumentSyntax>() is { Parent.Parent: InvocationExpressionSyntax owner }
            ? (owner, node)
            : null;
    }

    private static SyntaxNode? LocateRelated(SyntaxNode root, Diagnostic diagnostic)
    {
        var location = diagnostic.AdditionalLocations.FirstOrDefault();
        if (location is null || !location.IsInSource || location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(location.SourceSpan))
        {
            return null;
        }

        return root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
    }
}
