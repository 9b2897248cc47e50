using System.Collections.Immutable;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Flow.Summaries;

/// <summary>What a call to a same-compilation helper does to its caller's state (RULES.md: may/must, depth 3).</summary>
internal sealed class HelperSummary
{
    public HelperSummary(
        ImmutableArray<ParameterEffect> sockets,
        ApiKind begins,
        ResultConvention beginResult,
        bool returnsOwner,
        bool revertsAlways,
        bool revertsSometimes,
        ImmutableArray<int> throwsOnFailureOf,
        bool mayThrow)
    {
        MayThrow = mayThrow;
        Sockets = sockets;
        Begins = begins;
        BeginResult = beginResult;
        ReturnsOwner = returnsOwner;
        RevertsAlways = revertsAlways;
        RevertsSometimes = revertsSometimes;
        ThrowsOnFailureOf = throwsOnFailureOf;
    }

    /// <summary>Events on socket parameters: on some path (may) and on every path (must).</summary>
    public ImmutableArray<ParameterEffect> Sockets { get; }

    /// <summary>A begin-helper (Precision 2): returns after success with the thread impersonating. PeerImpersonate or SspiImpersonate.</summary>
    public ApiKind Begins { get; }

    /// <summary>How the begin-helper's return value reports success (None: it throws on failure).</summary>
    public ResultConvention BeginResult { get; }

    /// <summary>A factory (Precision 3): begins impersonation and returns an owner whose Dispose reverts.</summary>
    public bool ReturnsOwner { get; }

    public bool RevertsAlways { get; }

    /// <summary>Reverts on some path (an owner's Dispose that reverts only while "active" still counts, Precision 3).</summary>
    public bool RevertsSometimes { get; }

    /// <summary>Status parameters the helper tests by throwing on failure (Precision 6).</summary>
    public ImmutableArray<int> ThrowsOnFailureOf { get; }

    /// <summary>The helper does work that may throw (a helper made only of API calls does not, like the APIs themselves).</summary>
    public bool MayThrow { get; }

    public bool IsEmpty => Sockets.IsEmpty && Begins == ApiKind.None && !ReturnsOwner && !RevertsSometimes && ThrowsOnFailureOf.IsEmpty;
}

internal readonly struct ParameterEffect
{
    public ParameterEffect(int ordinal, SocketEvents may, SocketEvents must)
    {
        Ordinal = ordinal;
        May = may;
        Must = must;
    }

    public int Ordinal { get; }
    public SocketEvents May { get; }
    public SocketEvents Must { get; }
}
