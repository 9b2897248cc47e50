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

    // Most points see one path class: it is kept inline, and a list is made for the second (every block has a set).
    private PathState? single;
    private List<PathState>? states;

    public int Count => states?.Count ?? (single is null ? 0 : 1);

    public PathState this[int index] => states is not null ? states[index] : index == 0 && single is not null ? single : throw new System.ArgumentOutOfRangeException(nameof(index));

    /// <summary>Replaces <paramref name="target"/>'s contents with this set's states, in order.</summary>
    public void CopyTo(List<PathState> target)
    {
        target.Clear();
        if (states is not null)
        {
            target.AddRange(states);
        }
        else if (single is not null)
        {
            target.Add(single);
        }
    }

    private void Set(int index, PathState state)
    {
        if (states is not null)
        {
            states[index] = state;
        }
        else
        {
            single = state;
        }
    }

    private void RemoveAt(int index)
    {
        if (states is not null)
        {
            states.RemoveAt(index);
        }
        else
        {
            single = null;
        }
    }

    private void Append(PathState state)
    {
        if (states is not null)
        {
            states.Add(state);
        }
        else if (single is null)
        {
            single = state;
        }
        else
        {
            states = new List<PathState>(4) { single, state };
            single = null;
        }
    }

    /// <summary>Joins a state in; false when nothing new was learned.</summary>
    public bool Add(PathState state)
    {
        for (var i = 0; i < Count; i++)
        {
            var existing = this[i];
            if (existing.SameKey(state))
            {
                var merged = existing.Merge(state);
                if (merged.SameAs(existing))
                {
                    return false;
                }

                Set(i, merged);
                return true;
            }
        }

        // Two classes with the same payload told apart by one local's fact: forget that fact. A later test of the local
        // splits them again, and whichever way it goes the successors see the same payload: nothing is lost.
        for (var i = 0; i < Count; i++)
        {
            if (this[i].OnlyFactDifference(state) is { } local)
            {
                var merged = this[i].WithFact(local, null);
                RemoveAt(i);
                Add(merged);
                return true;
            }
        }

        if (Count < MaxClasses)
        {
            Append(state);
            return true;
        }

        // Too many classes: fold the new one into the class with the same continuation (finally routing must stay exact).
        for (var i = 0; i < Count; i++)
        {
            var existing = this[i];
            if (existing.Continuation == state.Continuation && existing.ContinuationIndex == state.ContinuationIndex && existing.Exceptional == state.Exceptional)
            {
                var collapsed = existing.Collapse(state);
                if (collapsed.SameAs(existing))
                {
                    return false;
                }

                Set(i, collapsed);
                return true;
            }
        }

        Append(state);
        return true;
    }
}
