using System;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Flow;

/// <summary>
/// The thread may be impersonating on this path (C-ALL-1: impersonation belongs to the thread, not to a handle).
/// </summary>
internal sealed class Impersonation : IEquatable<Impersonation>
{
    public Impersonation(IOperation begin, ApiKind kind, ISymbol? owner, bool workSince, bool carried = false)
    {
        Begin = begin;
        Kind = kind;
        Owner = owner;
        WorkSince = workSince;
        Carried = carried;
    }

    /// <summary>The call that began it (an API call, a begin-helper call, or a wrapper scope).</summary>
    public IOperation Begin { get; }

    /// <summary>PeerImpersonate (C-IMP-1) or SspiImpersonate (C-SSPI-3); wrapper kinds for scopes.</summary>
    public ApiKind Kind { get; }

    /// <summary>The object the revert obligation moved to; its Dispose ends the impersonation.</summary>
    public ISymbol? Owner { get; }

    /// <summary>Some operation other than bookkeeping ran since the begin (so the method is not a begin-helper).</summary>
    public bool WorkSince { get; }

    /// <summary>
    /// Still on after a loop's back edge: the path left the region the begin meant to cover without reverting
    /// (a missing revert is one finding; what this path reaches next is not the region's work).
    /// </summary>
    public bool Carried { get; }

    /// <summary>
    /// Responsibility for the revert moved to an owner constructed right after success: no missing-revert report
    /// here. A factory's or the wrapper's Begin is different: its call is the impersonate event and the returned
    /// scope's Dispose is its revert, which must then happen on every path.
    /// </summary>
    public bool IsOwned => Owner is not null && Kind is ApiKind.PeerImpersonate or ApiKind.SspiImpersonate;

    public bool IsScope => Kind is ApiKind.WrapperPeerScope or ApiKind.WrapperContextScope;

    public Impersonation WithWork() => WorkSince ? this : new Impersonation(Begin, Kind, Owner, workSince: true, Carried);

    public Impersonation WithOwner(ISymbol owner) => new(Begin, Kind, owner, WorkSince, Carried);

    public Impersonation AsCarried() => Carried ? this : new Impersonation(Begin, Kind, Owner, WorkSince, carried: true);

    public bool SameExceptWork(Impersonation? other)
        => other is not null && Begin == other.Begin && Kind == other.Kind && Carried == other.Carried && SymbolEqualityComparer.Default.Equals(Owner, other.Owner);

    public bool Equals(Impersonation? other) => SameExceptWork(other) && WorkSince == other!.WorkSince;

    public override bool Equals(object? obj) => Equals(obj as Impersonation);

    public override int GetHashCode() => OperationIdentity.Hash(Begin);
}
