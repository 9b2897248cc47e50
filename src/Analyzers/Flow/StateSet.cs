using System.Collections.Immutable;

namespace SecureSockets.Analyzers.Flow;

/// <summary>The path classes reaching one program point; a join point's lattice value.</summary>
internal static class StateSet
{
    /// <summary>Beyond this many path classes at one point, classes are collapsed (bounded cost, Precision 4 best effort).</summary>
    public const int MaxClasses = 32;

    /// <summary>Adds a state; returns the same array when nothing new was learned.</summary>
    public static ImmutableArray<PathState> Add(ImmutableArray<PathState> set, PathState state)
    {
        if (set.IsDefault)
        {
            return ImmutableArray.Create(state);
        }

        for (var i = 0; i < set.Length; i++)
        {
            var existing = set[i];
            if (existing.SameKey(state))
            {
                var merged = existing.Merge(state);
                return merged.SameAs(existing) ? set : set.SetItem(i, merged);
            }
        }

        // Two classes with the same payload told apart by one local's fact: forget that fact. A later test of the local
        // splits them again, and whichever way it goes the successors see the same payload: nothing is lost.
        for (var i = 0; i < set.Length; i++)
        {
            if (set[i].OnlyFactDifference(state) is { } local)
            {
                var merged = set[i].WithFact(local, null);
                var without = set.RemoveAt(i);
                return Add(without, merged);
            }
        }

        if (set.Length < MaxClasses)
        {
            return set.Add(state);
        }

        // Too many classes: fold the new one into the class with the same continuation (finally routing must stay exact).
        for (var i = 0; i < set.Length; i++)
        {
            var existing = set[i];
            if (existing.Continuation == state.Continuation && existing.ContinuationIndex == state.ContinuationIndex && existing.Exceptional == state.Exceptional)
            {
                var collapsed = existing.Collapse(state);
                return collapsed.SameAs(existing) ? set : set.SetItem(i, collapsed);
            }
        }

        return set.Add(state);
    }
}
