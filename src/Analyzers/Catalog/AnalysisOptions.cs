using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Catalog;

/// <summary>
/// The options a project sets in <c>.editorconfig</c> or a global config (prefix <c>securesockets.</c>): how deep helper
/// summaries go, and methods of its own or of libraries that count as result checks, reverts or begins of impersonation
/// (by documentation-comment ID, <c>M:Ns.Type.Method(System.Int32)</c>, or by <c>Ns.Type.Method</c> for every overload).
/// Values that cannot be read are ignored: a malformed option never breaks a build.
/// </summary>
internal sealed class AnalysisOptions
{
    public const string SummaryDepthKey = "securesockets.summary_depth";
    public const string ResultCheckMethodsKey = "securesockets.result_check_methods";
    public const string RevertMethodsKey = "securesockets.revert_methods";
    public const string PeerBeginMethodsKey = "securesockets.peer_begin_methods";
    public const string ContextBeginMethodsKey = "securesockets.context_begin_methods";

    /// <summary>Summaries go 3 calls deep unless the project says otherwise.</summary>
    public const int DefaultSummaryDepth = 3;

    /// <summary>The deepest summaries may go: deeper chains of helpers cost more than they find.</summary>
    public const int MaxSummaryDepth = 5;

    public static readonly AnalysisOptions Default = new(DefaultSummaryDepth, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty);

    private readonly ImmutableHashSet<string> checks;
    private readonly ImmutableHashSet<string> reverts;
    private readonly ImmutableHashSet<string> peerBegins;
    private readonly ImmutableHashSet<string> contextBegins;

    private AnalysisOptions(int summaryDepth, ImmutableHashSet<string> checks, ImmutableHashSet<string> reverts, ImmutableHashSet<string> peerBegins, ImmutableHashSet<string> contextBegins)
    {
        SummaryDepth = summaryDepth;
        this.checks = checks;
        this.reverts = reverts;
        this.peerBegins = peerBegins;
        this.contextBegins = contextBegins;
    }

    /// <summary>How many calls deep helper summaries go (0 turns them off).</summary>
    public int SummaryDepth { get; }

    /// <summary>Does the project name any method at all (most do not: nothing to look up per call)?</summary>
    public bool NamesMethods => !(checks.IsEmpty && reverts.IsEmpty && peerBegins.IsEmpty && contextBegins.IsEmpty);

    /// <summary>Reads the options through <paramref name="get"/> (the options of one tree); unreadable values are ignored.</summary>
    public static AnalysisOptions Read(Func<string, string?> get)
    {
        var depth = Default.SummaryDepth;
        if (get(SummaryDepthKey) is { } text && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= MaxSummaryDepth)
        {
            depth = value;
        }

        var options = new AnalysisOptions(depth, Names(get(ResultCheckMethodsKey)), Names(get(RevertMethodsKey)), Names(get(PeerBeginMethodsKey)), Names(get(ContextBeginMethodsKey)));
        return options.SummaryDepth == Default.SummaryDepth && !options.NamesMethods ? Default : options;
    }

    public bool IsResultCheck(IMethodSymbol method) => Matches(method, checks);

    public bool IsRevert(IMethodSymbol method) => Matches(method, reverts);

    /// <summary>The impersonation a configured begin method starts (PeerImpersonate, SspiImpersonate), or None.</summary>
    public ApiKind BeginOf(IMethodSymbol method)
        => Matches(method, peerBegins) ? ApiKind.PeerImpersonate : Matches(method, contextBegins) ? ApiKind.SspiImpersonate : ApiKind.None;

    private static ImmutableHashSet<string> Names(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return ImmutableHashSet<string>.Empty;
        }

        var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var entry in list!.Split(new[] { ',', '|' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var name = entry.Trim();
            if (name.Length > 0)
            {
                builder.Add(name);
            }
        }

        return builder.ToImmutable();
    }

    private static bool Matches(IMethodSymbol method, ImmutableHashSet<string> names)
    {
        if (names.IsEmpty)
        {
            return false;
        }

        method = method.ReducedFrom ?? method.OriginalDefinition;
        return (DocumentationCommentId.CreateDeclarationId(method) is { } id && (names.Contains(id) || names.Contains(WithoutReturnType(id))))
               || (method.ContainingType is { } type && names.Contains(type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None)) + "." + method.Name));
    }

    /// <summary>An ID may carry its return type (<c>…(SecHandle@)~System.Int32</c>); users write it without.</summary>
    private static string WithoutReturnType(string id) => id.IndexOf('~') is var tilde and >= 0 ? id.Substring(0, tilde) : id;
}
