using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Rules;

/// <summary>
/// What a rule's fix needs from the analysis, carried by the diagnostic (its properties): named lists of syntax nodes,
/// written as spans of the analyzed tree, and flags. The analyzer describes the statements around a reported call once,
/// when it reports; the fixes read the description and re-derive nothing (Fix All finds the same nodes again after
/// earlier fixes moved them).
/// </summary>
internal static class FixFacts
{
    /// <summary>A <see cref="CallGroup"/> of the reported call: the call, then every statement of the group.</summary>
    public const string Group = "Group";

    /// <summary>The group of the impersonate call whose impersonation a reported revert ends.</summary>
    public const string BeginGroup = "BeginGroup";

    /// <summary>An <see cref="ImpersonationRegion"/>: the straight-line revert after it (or an empty entry), then every covered statement.</summary>
    public const string Region = "Region";

    /// <summary>The properties that hold nodes (Fix All marks them before the first fix runs).</summary>
    public static readonly ImmutableArray<string> NodeKeys = ImmutableArray.Create(Group, BeginGroup, Region);

    public const string True = "true";

    /// <summary>The reported call's group (for the fixes that move, remove or check a call and its status tests).</summary>
    public static readonly FixFactsWriter GroupOfCall = (properties, at, context) => WriteGroup(properties, FixFacts.Group, at, context);

    /// <summary>
    /// The reported impersonate call's group and the region it covers (for the fixes that revert in a finally or scope it),
    /// given the revert calls of its flow's graph.
    /// </summary>
    public static FixFactsWriter GroupAndRegionOfCall(IReadOnlyCollection<SyntaxNode> reverts) => (properties, at, context) =>
    {
        if (WriteGroup(properties, FixFacts.Group, at, context) is { } group
            && ImpersonationRegion.Find(group, context.Model, reverts, context.CancellationToken) is { } region)
        {
            region.Write(properties);
        }
    };

    /// <summary>Writes the group of the call at <paramref name="at"/> under <paramref name="key"/>; the group, or null when the call has none.</summary>
    public static CallGroup? WriteGroup(ImmutableDictionary<string, string?>.Builder properties, string key, SyntaxNode at, ReportContext context)
    {
        if (at is not InvocationExpressionSyntax call || CallGroup.Find(call, context.Model, context.CancellationToken) is not { } group)
        {
            return null;
        }

        group.Write(properties, key);
        return group;
    }

    /// <summary>The spans of <paramref name="nodes"/> (a missing node as an empty entry).</summary>
    public static string Nodes(params SyntaxNode?[] nodes)
    {
        var text = new StringBuilder();
        for (var i = 0; i < nodes.Length; i++)
        {
            if (i > 0)
            {
                text.Append(';');
            }

            if (nodes[i] is { } node)
            {
                text.Append(node.Span.Start.ToString(CultureInfo.InvariantCulture)).Append(',').Append(node.Span.Length.ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>The spans written by <see cref="Nodes"/> (null for a missing node); empty for text not written by it.</summary>
    public static IReadOnlyList<TextSpan?> Spans(string? value)
    {
        var spans = new List<TextSpan?>();
        if (string.IsNullOrEmpty(value))
        {
            return spans;
        }

        foreach (var entry in value!.Split(';'))
        {
            var comma = entry.IndexOf(',');
            if (comma < 0)
            {
                spans.Add(null);
                continue;
            }

            if (!int.TryParse(entry.Substring(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                || !int.TryParse(entry.Substring(comma + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                return new List<TextSpan?>();
            }

            spans.Add(new TextSpan(start, length));
        }

        return spans;
    }

    /// <summary>The node of <paramref name="root"/> with exactly <paramref name="span"/> (the innermost one), or null.</summary>
    public static SyntaxNode? NodeAt(SyntaxNode root, TextSpan span)
    {
        if (!root.FullSpan.Contains(span))
        {
            return null;
        }

        var node = root.FindNode(span, getInnermostNodeForTie: true);
        return node.Span == span ? node : null;
    }

    /// <summary>
    /// Are the nodes <paramref name="key"/>[<paramref name="from"/>..] statements that are still the run of
    /// <paramref name="list"/> starting at <paramref name="start"/>, in order, with nothing inserted between them?
    /// </summary>
    public static bool IsRunOf(IFixFacts facts, string key, int from, StatementList list, int start)
    {
        var count = facts.NodeCount(key);
        if (start < 0 || start + (count - from) > list.Statements.Count)
        {
            return false;
        }

        for (var i = from; i < count; i++)
        {
            if (As<StatementSyntax>(facts.Node(key, i)) is not { } statement || list.Statements[start + i - from] != statement)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first <typeparamref name="T"/> at <paramref name="node"/> or above it with the same span (a statement, not its expression).</summary>
    public static T? As<T>(SyntaxNode? node)
        where T : SyntaxNode
    {
        for (var current = node; current is not null && current.Span == node!.Span; current = current.Parent)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}

/// <summary>What a rule check writes for its fix when it reports at <paramref name="at"/> (run once per diagnostic, when it is new).</summary>
internal delegate void FixFactsWriter(ImmutableDictionary<string, string?>.Builder properties, SyntaxNode at, ReportContext context);

/// <summary>What the analyzer has at hand when it reports in a file.</summary>
internal sealed class ReportContext
{
    public ReportContext(SemanticModel model, CancellationToken cancellationToken)
    {
        Model = model;
        CancellationToken = cancellationToken;
    }

    public SemanticModel Model { get; }

    public CancellationToken CancellationToken { get; }
}

/// <summary>How a fix reads the facts of the diagnostic it fixes.</summary>
internal interface IFixFacts
{
    SemanticModel Model { get; }

    /// <summary>The diagnosed call.</summary>
    InvocationExpressionSyntax Call { get; }

    /// <summary>How many entries the analyzer wrote in the node list <paramref name="key"/>.</summary>
    int NodeCount(string key);

    /// <summary>Did the analyzer write a node at this entry (rather than leave it empty)?</summary>
    bool Wrote(string key, int index);

    /// <summary>The <paramref name="index"/>th node of the node list <paramref name="key"/> (<see cref="FixFacts.NodeKeys"/>), as it is in the tree the fix edits.</summary>
    SyntaxNode? Node(string key, int index);

    /// <summary>A flag or text property.</summary>
    string? Property(string key);
}
