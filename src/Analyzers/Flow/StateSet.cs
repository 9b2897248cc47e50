using System.Collections.Generic;

namespace SecureSockets.Analyzers.Flow;

/// <summary>
/// The path classes reaching one program point; a join point's lattice value. Mutable and owned by one engine run:
/// joins happen at every branch and may-throw operation, and a new array per join was most of the engine's garbage.
/// </summary>
internal sealed class StateSet
{
    /// <summary>Beyond this many path classes at one point, classes are collapsed (bounded cost; pruning correlated branches is best effort).</summary>
    public const int MaxClasses = 32;

    private readonly List<PathState> states = new(2);

    public int Count => states.Count;

    public PathState this[int index] => states[index];

    /// <summary>Replaces <paramref name="target"/>'s contents with this set's states, in order.</summary>
    public void CopyTo(List<PathState> target)
    {
        target.Clear();
        target.AddRange(states);
    }

    /// <summary>Joins a state in; false when nothing new was learned.</summary>
    public bool Add(PathState state)
    {
        for (var i = 0; i < states.Count; i++)
        {
            var existing = states[i];
            if (existing.SameKey(state))
            {
                var merged = existing.Merge(state);
                if (merged.SameAs(existing))
                {
                    return false;
                }

                states[i] = merged;
                return true;
            }
        }

        // Two classes with the same payload told apart by one local's fact: forget that fact. A later test of the local
        // splits them again, and whichever way it goes the successors see the same payload: nothing is lost.
        for (var i = 0; i < states.Count; i++)
        {
            if (states[i].OnlyFactDifference(state) is { } local)
            {
                var merged = states[i].WithFact(local, null);
                states.RemoveAt(i);
                Add(merged);
                return true;
            }
        }

        if (states.Count < MaxClasses)
        {
            states.Add(state);
            return true;
        }

        // Too many classes: fold the new one into the class with the same continuation (finally routing must stay exact).
        for (var i = 0; i < states.Count; i++)
        {
            var existing = states[i];
            if (existing.Continuation == state.Continuation && existing.ContinuationIndex == state.ContinuationIndex && existing.Exceptional == state.Exceptional)
            {
                var collapsed = existing.Collapse(state);
                if (collapsed.SameAs(existing))
                {
                    return false;
                }

                states[i] = collapsed;
                return true;
            }
        }

        states.Add(state);
        return true;
    }
}
