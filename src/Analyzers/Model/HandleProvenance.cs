using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Model;

/// <summary>Which SSPI call last wrote a context handle (C-SSPI-1: only a server-side context can be impersonated).</summary>
[Flags]
internal enum ContextWriters
{
    None = 0,
    Initialize = 1, // InitializeSecurityContext: a client-side context
    Accept = 2,     // AcceptSecurityContext: a server-side context
}

/// <summary>
/// The path-state slot of SSPI context handles, per storage location (local, parameter, field): the calls that may have
/// written it last on the joined paths. A location with no entry was, on some path, written by something else or not
/// seen being written: its provenance is unknown. Joins keep the locations both sides know, with their writers united.
/// </summary>
internal sealed class HandleProvenance : StateSlot
{
    public static readonly HandleProvenance Empty = new(ImmutableDictionary.Create<ISymbol, ContextWriters>(SymbolEqualityComparer.Default));

    private readonly ImmutableDictionary<ISymbol, ContextWriters> writers;

    private HandleProvenance(ImmutableDictionary<ISymbol, ContextWriters> writers) => this.writers = writers;

    public bool IsEmpty => writers.IsEmpty;

    /// <summary>The calls that may have written the location last; None when that is not known on every path.</summary>
    public ContextWriters Of(ISymbol location) => writers.TryGetValue(location, out var w) ? w : ContextWriters.None;

    public bool Knows(ISymbol location) => writers.ContainsKey(location);

    public HandleProvenance Written(ISymbol location, ContextWriters by)
        => by == ContextWriters.None ? Forget(location)
            : writers.TryGetValue(location, out var w) && w == by ? this
            : new(writers.SetItem(location, by));

    public HandleProvenance Forget(ISymbol location) => writers.ContainsKey(location) ? new(writers.Remove(location)) : this;

    /// <summary>Forgets the locations <paramref name="predicate"/> selects.</summary>
    public HandleProvenance ForgetWhere(Func<ISymbol, bool> predicate)
    {
        var kept = writers;
        foreach (var key in writers.Keys)
        {
            if (predicate(key))
            {
                kept = kept.Remove(key);
            }
        }

        return ReferenceEquals(kept, writers) ? this : new(kept);
    }

    public override StateSlot Join(StateSlot? other)
    {
        if (ReferenceEquals(this, other))
        {
            return this;
        }

        if (other is not HandleProvenance theirs || theirs.writers.IsEmpty)
        {
            return writers.IsEmpty ? this : Empty;
        }

        var joined = writers;
        foreach (var pair in writers)
        {
            if (!theirs.writers.TryGetValue(pair.Key, out var w))
            {
                joined = joined.Remove(pair.Key);
            }
            else if ((w | pair.Value) != pair.Value)
            {
                joined = joined.SetItem(pair.Key, w | pair.Value);
            }
        }

        return ReferenceEquals(joined, writers) ? this : new HandleProvenance(joined);
    }

    public override bool Equals(StateSlot? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not HandleProvenance theirs || theirs.writers.Count != writers.Count)
        {
            return false;
        }

        foreach (var pair in writers)
        {
            if (!theirs.writers.TryGetValue(pair.Key, out var w) || w != pair.Value)
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => writers.Count;
}
