using System;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Flow;

internal enum Outcome { Unknown, Success, Failure }

/// <summary>
/// The result of a call whose failure matters (secure, target name, impersonate) on one path: where it is held,
/// and what the path's tests of it decided (RULES.md Precision 5, 6, 10).
/// </summary>
internal sealed class TrackedResult : IEquatable<TrackedResult>
{
    public TrackedResult(IOperation call, ApiKind kind, ResultConvention convention, ISymbol? socket)
        : this(call, kind, convention, socket, holder: null, holderIsSuccessFlag: false, Outcome.Unknown, tested: false, escaped: false)
    {
    }

    private TrackedResult(IOperation call, ApiKind kind, ResultConvention convention, ISymbol? socket, ISymbol? holder,
        bool holderIsSuccessFlag, Outcome outcome, bool tested, bool escaped)
    {
        Call = call;
        Kind = kind;
        Convention = convention;
        Socket = socket;
        Holder = holder;
        HolderIsSuccessFlag = holderIsSuccessFlag;
        Outcome = outcome;
        Tested = tested;
        Escaped = escaped;
    }

    public IOperation Call { get; }
    public ApiKind Kind { get; }
    public ResultConvention Convention { get; }
    public ISymbol? Socket { get; }

    /// <summary>The local the status was stored to (<c>int rc = WSASetSocketSecurity(...)</c>).</summary>
    public ISymbol? Holder { get; }

    /// <summary>The holder is a bool meaning success (<c>bool ok = Impersonate(...) == 0</c>), not the raw status.</summary>
    public bool HolderIsSuccessFlag { get; }

    public Outcome Outcome { get; }
    public bool Tested { get; }

    /// <summary>The result left our sight (a field, an out/ref, a method we cannot see into, the caller): undecidable, silent.</summary>
    public bool Escaped { get; }

    public TrackedResult WithHolder(ISymbol? holder, bool isSuccessFlag)
        => new(Call, Kind, Convention, Socket, holder, isSuccessFlag, Outcome, Tested, Escaped);

    public TrackedResult WithOutcome(Outcome outcome)
        => new(Call, Kind, Convention, Socket, Holder, HolderIsSuccessFlag, outcome, tested: true, Escaped);

    /// <summary>The socket's location now holds another socket: later events there are not this call's socket (Precision 16).</summary>
    public TrackedResult WithoutSocket()
        => Socket is null ? this : new(Call, Kind, Convention, socket: null, Holder, HolderIsSuccessFlag, Outcome, Tested, Escaped);

    /// <summary>Leaves our sight — unless already tested: "once tested, the test decides" (Precision 6).</summary>
    public TrackedResult AsEscaped()
        => Escaped || Tested ? this : new(Call, Kind, Convention, Socket, Holder, HolderIsSuccessFlag, Outcome, Tested, escaped: true);

    public TrackedResult MergeWith(TrackedResult other)
        => new(Call, Kind, Convention, Socket,
            SymbolEqualityComparer.Default.Equals(Holder, other.Holder) ? Holder : null,
            HolderIsSuccessFlag && other.HolderIsSuccessFlag,
            Outcome == other.Outcome ? Outcome : Outcome.Unknown,
            Tested && other.Tested,
            Escaped || other.Escaped);

    public bool Equals(TrackedResult? other)
        => other is not null && Call == other.Call && SymbolEqualityComparer.Default.Equals(Holder, other.Holder)
           && HolderIsSuccessFlag == other.HolderIsSuccessFlag && Outcome == other.Outcome && Tested == other.Tested
           && Escaped == other.Escaped;

    public override bool Equals(object? obj) => Equals(obj as TrackedResult);

    public override int GetHashCode() => OperationIdentity.Hash(Call) ^ (int)Outcome;
}
