using System;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// One concern's own part of a path state, with its own join: a new concern adds a slot type, not a field to
/// the path state. Slots are merged like socket facts (they do not split path classes): two states of the same
/// class join their slots, and a state that has no slot of a type knows nothing of that concern (<see cref="Join"/> gets
/// null). Immutable; equality decides the engine's fixed point.
/// </summary>
internal abstract class StateSlot : IEquatable<StateSlot>
{
    /// <summary>The slot of the paths of both states; <paramref name="other"/> is null when the other state has none.</summary>
    public abstract StateSlot Join(StateSlot? other);

    public abstract bool Equals(StateSlot? other);

    /// <summary>The slot once <paramref name="location"/> may have been rewritten out of sight (by <c>ref</c>, <c>out</c>, <c>&amp;</c>).</summary>
    public abstract StateSlot ForgetLocation(ISymbol location);

    /// <summary>The slot once the locations <paramref name="predicate"/> selects may have been rewritten out of sight.</summary>
    public abstract StateSlot ForgetLocations(Func<ISymbol, bool> predicate);

    public sealed override bool Equals(object? obj) => Equals(obj as StateSlot);

    public abstract override int GetHashCode();
}
