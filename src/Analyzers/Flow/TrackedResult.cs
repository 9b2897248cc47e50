using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Flow;

/// <summary>
/// The result of a call whose failure matters (secure, target name, impersonate) on one path: where it is held, the
/// values it can still have after the path's tests (a value, not a flag: chains of partial tests add up), and
/// whether a test has decided its outcome yet (a test that excludes only some failure values decides nothing).
/// </summary>
internal sealed class TrackedResult : IEquatable<TrackedResult>
{
    public TrackedResult(IOperation call, ApiKind kind, ResultConvention convention, ISymbol? socket, ITypeSymbol? statusType)
        : this(call, kind, convention, socket, holder: null, copy: null, holderIsSuccessFlag: false, StatusDomain.For(kind, convention, statusType), values: null, tested: false, escaped: false)
    {
    }

    private TrackedResult(IOperation call, ApiKind kind, ResultConvention convention, ISymbol? socket, ISymbol? holder, ISymbol? copy,
        bool holderIsSuccessFlag, StatusDomain domain, ValueFact? values, bool tested, bool escaped)
    {
        Copy = copy;
        Call = call;
        Kind = kind;
        Convention = convention;
        Socket = socket;
        Holder = holder;
        HolderIsSuccessFlag = holderIsSuccessFlag;
        Domain = domain;
        Values = values ?? domain.Universe;
        Tested = tested;
        Escaped = escaped;
    }

    public IOperation Call { get; }
    public ApiKind Kind { get; }
    public ResultConvention Convention { get; }
    public ISymbol? Socket { get; }

    /// <summary>The local the status was stored to (<c>int rc = WSASetSocketSecurity(...)</c>).</summary>
    public ISymbol? Holder { get; }

    /// <summary>A second local the status was copied to (<c>int status = result;</c>): tests of either are tests of the result.</summary>
    public ISymbol? Copy { get; }

    /// <summary>The holder is a bool meaning success (<c>bool ok = Impersonate(...) == 0</c>), not the raw status.</summary>
    public bool HolderIsSuccessFlag { get; }

    public StatusDomain Domain { get; }

    /// <summary>The values the status can still have on this path.</summary>
    public ValueFact Values { get; }

    public Outcome Outcome => Domain.OutcomeOf(Values);

    /// <summary>A test on this path decided the outcome (joined paths: on every one of them).</summary>
    public bool Tested { get; }

    /// <summary>The result left our sight (a field, an out/ref, a method we cannot see into, the caller): undecidable, silent.</summary>
    public bool Escaped { get; }

    public TrackedResult WithHolder(ISymbol? holder, bool isSuccessFlag)
        => new(Call, Kind, Convention, Socket, holder, copy: null, isSuccessFlag, Domain, Values, Tested, Escaped);

    /// <summary>Is the status held in this local or parameter?</summary>
    public bool IsHeldIn(ISymbol location)
        => SymbolEqualityComparer.Default.Equals(Holder, location) || SymbolEqualityComparer.Default.Equals(Copy, location);

    /// <summary>The status was copied to another local as well.</summary>
    public TrackedResult WithCopy(ISymbol copy)
        => new(Call, Kind, Convention, Socket, Holder, copy, HolderIsSuccessFlag, Domain, Values, Tested, Escaped);

    /// <summary>The location no longer holds the status (reassigned, or out of scope); a copy left becomes the holder.</summary>
    public TrackedResult Forget(ISymbol location)
        => SymbolEqualityComparer.Default.Equals(Copy, location)
            ? new(Call, Kind, Convention, Socket, Holder, copy: null, HolderIsSuccessFlag, Domain, Values, Tested, Escaped)
            : new(Call, Kind, Convention, Socket, Copy, copy: null, Copy is not null && HolderIsSuccessFlag, Domain, Values, Tested, Escaped);

    /// <summary>The path learned the outcome; null when its earlier tests rule that outcome out.</summary>
    public TrackedResult? WithOutcome(Outcome outcome)
        => Domain.Narrow(Values, outcome) is { } values ? WithValues(values) : null;

    /// <summary>The path learned that <c>status op constant</c> is <paramref name="value"/>; null when its earlier tests rule that out.</summary>
    public TrackedResult? WithTest(BinaryOperatorKind op, double constant, bool value)
        => Domain.Narrow(Values, op, constant, value) is { } values ? WithValues(values) : null;

    private TrackedResult WithValues(ValueFact values)
    {
        if (values.Equals(Values))
        {
            return this;
        }

        var decided = Tested || Domain.OutcomeOf(values) != Outcome.Unknown;
        return new(Call, Kind, Convention, Socket, Holder, Copy, HolderIsSuccessFlag, Domain, values, decided, Escaped);
    }

    /// <summary>The socket's location now holds another socket: later events there are not this call's socket (judged per socket).</summary>
    public TrackedResult WithoutSocket()
        => Socket is null ? this : new(Call, Kind, Convention, socket: null, Holder, Copy, HolderIsSuccessFlag, Domain, Values, Tested, Escaped);

    /// <summary>Leaves our sight — unless already tested: "once tested, the test decides".</summary>
    public TrackedResult AsEscaped()
        => Escaped || Tested ? this : new(Call, Kind, Convention, Socket, Holder, Copy, HolderIsSuccessFlag, Domain, Values, Tested, escaped: true);

    public TrackedResult MergeWith(TrackedResult other)
        => new(Call, Kind, Convention, Socket,
            SymbolEqualityComparer.Default.Equals(Holder, other.Holder) ? Holder : null,
            SymbolEqualityComparer.Default.Equals(Copy, other.Copy) ? Copy : null,
            HolderIsSuccessFlag && other.HolderIsSuccessFlag,
            Domain,
            Values.Join(other.Values),
            Tested && other.Tested,
            Escaped || other.Escaped);

    public bool Equals(TrackedResult? other)
        => other is not null && Call == other.Call && SymbolEqualityComparer.Default.Equals(Holder, other.Holder)
           && SymbolEqualityComparer.Default.Equals(Copy, other.Copy)
           && HolderIsSuccessFlag == other.HolderIsSuccessFlag && Tested == other.Tested && Escaped == other.Escaped
           && Values.Equals(other.Values);

    public override bool Equals(object? obj) => Equals(obj as TrackedResult);

    public override int GetHashCode() => OperationIdentity.Hash(Call) ^ (int)Outcome;
}
