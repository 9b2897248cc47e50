using System.Linq;
using System.Collections.Immutable;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Flow.Summaries;

/// <summary>What a call to a same-compilation helper does to its caller's state (summaries keep may and must, at most 3 calls deep).</summary>
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
        bool mayThrow,
        SocketFacts? returnedSocket,
        ApiKind returnsRevertStatus,
        ImmutableArray<(int Ordinal, ContextWriters Writers)> handleWrites,
        StructValue? returnedSettings,
        ImmutableArray<int> settingsParameters)
    {
        SettingsParameters = settingsParameters;
        ReturnedSettings = returnedSettings;
        HandleWrites = handleWrites;
        ReturnsRevertStatus = returnsRevertStatus;
        ReturnedSocket = returnedSocket;
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

    /// <summary>
    /// A begin-helper (it only starts impersonation for its caller): returns after success with the thread
    /// impersonating; or, with <see cref="ReturnsOwner"/>, the kind of impersonation a factory's owner reverts.
    /// PeerImpersonate or SspiImpersonate.
    /// </summary>
    public ApiKind Begins { get; }

    /// <summary>How the begin-helper's return value reports success (None: it throws on failure).</summary>
    public ResultConvention BeginResult { get; }

    /// <summary>A factory: begins impersonation and returns an owner whose Dispose reverts.</summary>
    public bool ReturnsOwner { get; }

    public bool RevertsAlways { get; }

    /// <summary>Reverts on some path (an owner's Dispose that reverts only while "active" still counts).</summary>
    public bool RevertsSometimes { get; }

    /// <summary>Status parameters the helper tests by throwing on failure (such a helper handles the failure for its caller).</summary>
    public ImmutableArray<int> ThrowsOnFailureOf { get; }

    /// <summary>The helper does work that may throw (a helper made only of API calls does not, like the APIs themselves).</summary>
    public bool MayThrow { get; }

    /// <summary>
    /// A socket factory: what the returned socket had on the paths that return one (events may and must, creations;
    /// unseen provenance when some return gives a socket the helper did not create).
    /// </summary>
    public SocketFacts? ReturnedSocket { get; }

    /// <summary>
    /// The helper returns the status of a revert it made (the revert's kind; None when it does not): its caller holds the
    /// obligation to check it (C-SSPI-3, C-ALL-2).
    /// </summary>
    public ApiKind ReturnsRevertStatus { get; }

    /// <summary>
    /// SSPI context handles the helper writes through a parameter (C-SSPI-1): on every normal exit by these calls, or
    /// (<see cref="ContextWriters.None"/>) on some exits only, so the caller's handle is unknown afterwards.
    /// </summary>
    public ImmutableArray<(int Ordinal, ContextWriters Writers)> HandleWrites { get; }

    /// <summary>A settings builder: the structure every return gives (its type, and its SecurityProtocol where that is one constant).</summary>
    public StructValue? ReturnedSettings { get; }

    /// <summary>Parameters the helper passes on, unchanged, as the settings of a secure event (C-SEC-7, C-SEC-8).</summary>
    public ImmutableArray<int> SettingsParameters { get; }

    public bool IsEmpty => HandleWrites.IsEmpty && ReturnedSettings is null && SettingsParameters.IsEmpty && Sockets.All(s => (s.May & ~SocketEvents.Escaped) == 0) && Begins == ApiKind.None && !ReturnsOwner && !RevertsSometimes && ThrowsOnFailureOf.IsEmpty && ReturnedSocket is null;
}

/// <summary>
/// Which bool parameters a call gives constant values, and those values (up to 16 parameters): the part of a call site
/// a summary may depend on.
/// </summary>
internal readonly struct ConstantFlags : System.IEquatable<ConstantFlags>
{
    private readonly int known;
    private readonly int values;

    private ConstantFlags(int known, int values)
    {
        this.known = known;
        this.values = values;
    }

    /// <summary>The constant bool arguments of a call, explicit or omitted (an omitted argument is its parameter's default).</summary>
    public static ConstantFlags Of(Microsoft.CodeAnalysis.Operations.IInvocationOperation invocation)
    {
        int known = 0, values = 0;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Type.SpecialType: Microsoft.CodeAnalysis.SpecialType.System_Boolean, Ordinal: < 16 } parameter
                && argument.Value.ConstantValue is { HasValue: true, Value: bool value })
            {
                known |= 1 << parameter.Ordinal;
                values |= value ? 1 << parameter.Ordinal : 0;
            }
        }

        return new ConstantFlags(known, values);
    }

    /// <summary>
    /// The helper returns the status of a revert it made (the revert's kind; None when it does not): its caller holds the
    /// obligation to check it (C-SSPI-3, C-ALL-2).
    /// </summary>
    public ApiKind ReturnsRevertStatus { get; }

    public bool IsEmpty => known == 0;

    /// <summary>These constants, restricted to the parameters in <paramref name="mask"/>.</summary>
    public ConstantFlags Only(int mask) => new(known & mask, values & mask);

    public bool TryGet(int ordinal, out bool value)
    {
        value = ordinal < 16 && (values & (1 << ordinal)) != 0;
        return ordinal < 16 && (known & (1 << ordinal)) != 0;
    }

    public bool Equals(ConstantFlags other) => known == other.known && values == other.values;

    public override bool Equals(object? obj) => obj is ConstantFlags other && Equals(other);

    public override int GetHashCode() => (known * 397) ^ values;
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
