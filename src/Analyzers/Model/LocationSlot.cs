using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// A path-state slot of values per storage location (local, parameter, field). A location with no entry is unknown on
/// some path; a join keeps the locations both sides know, with <see cref="Combine"/> of their values (null: unknown).
/// </summary>
internal abstract class LocationSlot<TValue> : StateSlot
    where TValue : IEquatable<TValue>
{
    private readonly ImmutableDictionary<ISymbol, TValue> values;

    protected LocationSlot(ImmutableDictionary<ISymbol, TValue> values) => this.values = values;

    protected static ImmutableDictionary<ISymbol, TValue> NoValues { get; } = ImmutableDictionary.Create<ISymbol, TValue>(SymbolEqualityComparer.Default);

    public bool IsEmpty => values.IsEmpty;

    public bool Knows(ISymbol location) => values.ContainsKey(location);

    public bool TryGet(ISymbol location, out TValue value) => values.TryGetValue(location, out value!);

    /// <summary>The same slot type over other values.</summary>
    protected abstract LocationSlot<TValue> With(ImmutableDictionary<ISymbol, TValue> values);

    /// <summary>The value both paths give a location, or null when the join does not know it.</summary>
    protected abstract TValue? Combine(TValue mine, TValue theirs);

    public LocationSlot<TValue> Set(ISymbol location, TValue value)
        => values.TryGetValue(location, out var old) && old.Equals(value) ? this : With(values.SetItem(location, value));

    /// <summary>The location's value is unknown from here.</summary>
    public LocationSlot<TValue> Forget(ISymbol location) => values.ContainsKey(location) ? With(values.Remove(location)) : this;

    /// <summary>Forgets the locations <paramref name="predicate"/> selects.</summary>
    public LocationSlot<TValue> ForgetWhere(Func<ISymbol, bool> predicate)
    {
        var kept = values;
        foreach (var key in values.Keys)
        {
            if (predicate(key))
            {
                kept = kept.Remove(key);
            }
        }

        return ReferenceEquals(kept, values) ? this : With(kept);
    }

    public override StateSlot Join(StateSlot? other)
    {
        if (ReferenceEquals(this, other))
        {
            return this;
        }

        if (other is not LocationSlot<TValue> theirs || theirs.values.IsEmpty)
        {
            return values.IsEmpty ? this : With(NoValues);
        }

        var joined = values;
        foreach (var pair in values)
        {
            if (!theirs.values.TryGetValue(pair.Key, out var value) || Combine(pair.Value, value) is not { } combined)
            {
                joined = joined.Remove(pair.Key);
            }
            else if (!combined.Equals(pair.Value))
            {
                joined = joined.SetItem(pair.Key, combined);
            }
        }

        return ReferenceEquals(joined, values) ? this : With(joined);
    }

    public override bool Equals(StateSlot? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not LocationSlot<TValue> theirs || other.GetType() != GetType() || theirs.values.Count != values.Count)
        {
            return false;
        }

        foreach (var pair in values)
        {
            if (!theirs.values.TryGetValue(pair.Key, out var value) || !value.Equals(pair.Value))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => values.Count;

    public override StateSlot ForgetLocation(ISymbol location) => Forget(location);

    public override StateSlot ForgetLocations(Func<ISymbol, bool> predicate) => ForgetWhere(predicate);
}
