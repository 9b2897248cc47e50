using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Flow;

/// <summary>
/// One class of paths reaching a program point. States whose path facts agree are merged (socket events united);
/// states whose facts differ stay apart, which is what lets correlated branches be pruned (they are taken consistently).
/// </summary>
internal sealed class PathState
{
    public static readonly PathState Initial = new(
        ImmutableDictionary.Create<ISymbol, ValueFact>(SymbolEqualityComparer.Default),
        ImmutableDictionary.Create<ISymbol, SocketFacts>(SymbolEqualityComparer.Default),
        ImmutableDictionary.Create<ISymbol, ISymbol>(SymbolEqualityComparer.Default),
        ImmutableList<TrackedResult>.Empty,
        imp: null,
        ImmutableDictionary<Type, StateSlot>.Empty,
        continuation: null,
        continuationIndex: 0,
        exceptional: false);

    private PathState(
        ImmutableDictionary<ISymbol, ValueFact> facts,
        ImmutableDictionary<ISymbol, SocketFacts> sockets,
        ImmutableDictionary<ISymbol, ISymbol> aliases,
        ImmutableList<TrackedResult> results,
        Impersonation? imp,
        ImmutableDictionary<Type, StateSlot> slots,
        ControlFlowBranch? continuation,
        int continuationIndex,
        bool exceptional)
    {
        Slots = slots;
        Facts = facts;
        Sockets = sockets;
        Aliases = aliases;
        Results = results;
        Imp = imp;
        Continuation = continuation;
        ContinuationIndex = continuationIndex;
        Exceptional = exceptional;
    }

    /// <summary>Known values of tested locals and parameters on these paths.</summary>
    public ImmutableDictionary<ISymbol, ValueFact> Facts { get; }

    /// <summary>Per storage location (canonical, see <see cref="Aliases"/>): what may have happened to its socket.</summary>
    public ImmutableDictionary<ISymbol, SocketFacts> Sockets { get; }

    /// <summary>Local → the location it was copied from (<c>var t = s;</c>: an alias is the same socket).</summary>
    public ImmutableDictionary<ISymbol, ISymbol> Aliases { get; }

    public ImmutableList<TrackedResult> Results { get; }

    public Impersonation? Imp { get; }

    /// <summary>The concerns that keep their own slot (see <see cref="StateSlot"/>), by slot type.</summary>
    public ImmutableDictionary<Type, StateSlot> Slots { get; }

    /// <summary>This state's slot of type <typeparamref name="T"/>, or null when the paths know nothing of that concern.</summary>
    public T? Slot<T>()
        where T : StateSlot
        => Slots.TryGetValue(typeof(T), out var slot) ? (T)slot : null;

    /// <summary>Every slot forgets what it knew of the locations <paramref name="predicate"/> selects (rewritten out of sight).</summary>
    public PathState ForgetInSlots(Func<ISymbol, bool> predicate)
    {
        var slots = Slots;
        foreach (var pair in Slots)
        {
            var forgotten = pair.Value.ForgetLocations(predicate);
            if (!ReferenceEquals(forgotten, pair.Value))
            {
                slots = slots.SetItem(pair.Key, forgotten);
            }
        }

        return With(slots: slots);
    }

    public PathState WithSlot<T>(T? slot)
        where T : StateSlot
        => With(slots: slot is null ? Slots.Remove(typeof(T)) : Slots.SetItem(typeof(T), slot));

    /// <summary>Inside a finally reached by a branch: where the branch goes after the finally (and which finally is next).</summary>
    public ControlFlowBranch? Continuation { get; }

    public int ContinuationIndex { get; }

    /// <summary>Inside a finally reached by an exception: the exception goes on after it.</summary>
    public bool Exceptional { get; }

    public ISymbol Canonical(ISymbol location) => Aliases.TryGetValue(location, out var target) ? target : location;

    public SocketFacts SocketOf(ISymbol location)
        => Sockets.TryGetValue(Canonical(location), out var facts) ? facts : SocketFacts.Empty;

    public PathState WithSocket(ISymbol location, SocketFacts facts)
        => With(sockets: Sockets.SetItem(Canonical(location), facts));

    /// <summary>The location now holds a different socket (or something unknown): it leaves its alias class.</summary>
    public PathState Reassign(ISymbol location, SocketFacts? fresh)
    {
        var sockets = Sockets;
        var aliases = Aliases;
        if (aliases.ContainsKey(location))
        {
            aliases = aliases.Remove(location);
        }
        else
        {
            // Others that alias this location keep the old socket: the first of them becomes its home.
            ISymbol? heir = null;
            foreach (var pair in aliases)
            {
                if (SymbolEqualityComparer.Default.Equals(pair.Value, location))
                {
                    heir ??= pair.Key;
                    aliases = aliases.Remove(pair.Key);
                    if (!SymbolEqualityComparer.Default.Equals(heir, pair.Key))
                    {
                        aliases = aliases.SetItem(pair.Key, heir);
                    }
                }
            }

            if (heir is not null && sockets.TryGetValue(location, out var old))
            {
                sockets = sockets.SetItem(heir, old);
            }
        }

        sockets = fresh is null ? sockets.Remove(location) : sockets.SetItem(location, fresh);
        return With(sockets: sockets, aliases: aliases);
    }

    public PathState AliasTo(ISymbol location, ISymbol source)
    {
        var state = Reassign(location, fresh: null);
        var target = state.Canonical(source);
        if (SymbolEqualityComparer.Default.Equals(target, location))
        {
            return state;
        }

        return state.With(aliases: state.Aliases.SetItem(location, target));
    }

    public PathState WithFact(ISymbol local, ValueFact? fact)
        => With(facts: fact is null ? Facts.Remove(local) : Facts.SetItem(local, fact));

    private int keyHash;

    /// <summary>A hash of <see cref="SameKey"/>'s inputs, so most different classes are told apart without walking dictionaries.</summary>
    private int KeyHash
    {
        get
        {
            if (keyHash == 0)
            {
                // Hashes from ordinals and syntax positions, not objects' identity hashes (see OperationIdentity).
                var h = (ContinuationIndex * 397) ^ (Exceptional ? 17 : 3)
                        ^ (Continuation is null ? 0 : (Continuation.Source.Ordinal * 7919) + (Continuation.Destination?.Ordinal ?? -1));
                h = (h * 31) ^ (Imp is null ? 0 : OperationIdentity.Hash(Imp.Begin) ^ (int)Imp.Kind);
                h = (h * 31) ^ Facts.Count ^ (Aliases.Count << 8) ^ (Results.Count << 16);
                foreach (var pair in Facts)
                {
                    h ^= SymbolEqualityComparer.Default.GetHashCode(pair.Key) ^ pair.Value.GetHashCode();
                }

                foreach (var r in Results)
                {
                    h = (h * 31) ^ r.GetHashCode() ^ (r.Tested ? 1 : 0);
                }

                keyHash = h == 0 ? 1 : h;
            }

            return keyHash;
        }
    }

    public PathState WithResults(ImmutableList<TrackedResult> results) => With(results: results.RemoveAll(IsSpent));

    /// <summary>
    /// A result that can tell nothing more: tested, no longer held in a local (so never tested again), and either a
    /// success or no longer about a live socket. Keeping it would only split path classes.
    /// </summary>
    /// Impersonation results are kept: the failure-handling check (C-SSPI-5) compares the work their success and failure paths reach.
    private static bool IsSpent(TrackedResult r)
        => r.Tested && r.Holder is null && r.Kind is Catalog.ApiKind.Secure or Catalog.ApiKind.TargetName
           && (r.Outcome == Outcome.Success || r.Socket is null);

    /// <summary>The locals of a scope the path left are dead: their facts and the results they held go.</summary>
    public PathState LeaveScope(ImmutableArray<ILocalSymbol> locals)
    {
        var state = this;
        foreach (var local in locals)
        {
            if (state.Facts.ContainsKey(local))
            {
                state = state.WithFact(local, null);
            }

            foreach (var r in state.Results)
            {
                if (r.IsHeldIn(local))
                {
                    var index = state.Results.IndexOf(r);
                    state = state.WithResults(state.Results.SetItem(index, r.Forget(local)));
                }
            }
        }

        return state;
    }

    /// <summary>
    /// Tracks a new result of <paramref name="result"/>'s call, replacing an earlier one of the same call. Results are
    /// kept in source order, so that equal states reached along different paths (loops) compare equal and merge.
    /// </summary>
    public PathState WithNewResult(TrackedResult result)
    {
        var results = Results.RemoveAll(r => r.Call == result.Call);
        var position = result.Call.Syntax.SpanStart;
        var index = 0;
        while (index < results.Count && results[index].Call.Syntax.SpanStart <= position)
        {
            index++;
        }

        return With(results: results.Insert(index, result));
    }

    public PathState WithImp(Impersonation? imp) => With(imp: imp, clearImp: imp is null);

    public PathState AtContinuation(ControlFlowBranch? branch, int index, bool exceptional)
        => branch == Continuation && index == ContinuationIndex && exceptional == Exceptional
            ? this // every may-throw operation routes its state this way: the same object keeps joins cheap
            : new(Facts, Sockets, Aliases, Results, Imp, Slots, branch, index, exceptional);

    private PathState With(
        ImmutableDictionary<ISymbol, ValueFact>? facts = null,
        ImmutableDictionary<ISymbol, SocketFacts>? sockets = null,
        ImmutableDictionary<ISymbol, ISymbol>? aliases = null,
        ImmutableList<TrackedResult>? results = null,
        Impersonation? imp = null,
        bool clearImp = false,
        ImmutableDictionary<Type, StateSlot>? slots = null)
    {
        var newImp = clearImp ? null : imp ?? Imp;
        if ((facts is null || ReferenceEquals(facts, Facts)) && (sockets is null || ReferenceEquals(sockets, Sockets))
            && (aliases is null || ReferenceEquals(aliases, Aliases)) && (results is null || ReferenceEquals(results, Results))
            && ReferenceEquals(newImp, Imp) && (slots is null || ReferenceEquals(slots, Slots)))
        {
            // Nothing changed: the same object, so joins and the engine's "already processed" check stay cheap.
            return this;
        }

        return new(facts ?? Facts, sockets ?? Sockets, aliases ?? Aliases, results ?? Results, newImp, slots ?? Slots, Continuation, ContinuationIndex, Exceptional);
    }

    /// <summary>Same path class: everything but the socket events (united on merge) and the work bit.</summary>
    public bool SameKey(PathState other)
        => ReferenceEquals(this, other) || (KeyHash == other.KeyHash && SameKeySlow(other));

    private bool SameKeySlow(PathState other)
        => Continuation == other.Continuation
           && ContinuationIndex == other.ContinuationIndex
           && Exceptional == other.Exceptional
           && (Imp is null ? other.Imp is null : Imp.SameExceptWork(other.Imp))
           && DictEquals(Facts, other.Facts)
           && DictEquals(Aliases, other.Aliases)
           && Results.SequenceEqual(other.Results);

    /// <summary>
    /// The one local whose fact is all that tells this class from <paramref name="other"/> (same sockets, impersonation,
    /// results, aliases, continuation); null when they differ in anything else or in more than one fact.
    /// </summary>
    public ISymbol? OnlyFactDifference(PathState other)
    {
        // Cheapest tests first: this runs for every new class at a join.
        if (Continuation != other.Continuation || ContinuationIndex != other.ContinuationIndex || Exceptional != other.Exceptional
            || Math.Abs(Facts.Count - other.Facts.Count) > 1 || Facts.Count + other.Facts.Count == 0
            || Results.Count != other.Results.Count || Aliases.Count != other.Aliases.Count || Sockets.Count != other.Sockets.Count
            || !(Imp is null ? other.Imp is null : Imp.Equals(other.Imp))
            || !Results.SequenceEqual(other.Results) || !DictEquals(Aliases, other.Aliases) || !DictEquals(Sockets, other.Sockets)
            || !SlotsEqual(Slots, other.Slots))
        {
            return null;
        }

        ISymbol? differing = null;
        foreach (var pair in Facts)
        {
            if (!other.Facts.TryGetValue(pair.Key, out var theirs) || !theirs.Equals(pair.Value))
            {
                if (differing is not null)
                {
                    return null;
                }

                differing = pair.Key;
            }
        }

        foreach (var pair in other.Facts)
        {
            var key = pair.Key;
            if (!Facts.ContainsKey(key) && !SymbolEqualityComparer.Default.Equals(key, differing))
            {
                if (differing is not null)
                {
                    return null;
                }

                differing = key;
            }
        }

        return differing;
    }

    public bool SameAs(PathState other)
        => ReferenceEquals(this, other)
           || (SameKey(other) && DictEquals(Sockets, other.Sockets) && Equals(Imp?.WorkSince, other.Imp?.WorkSince) && SlotsEqual(Slots, other.Slots));

    /// <summary>Union of two states of the same key.</summary>
    public PathState Merge(PathState other)
    {
        if (ReferenceEquals(this, other) || (ReferenceEquals(Sockets, other.Sockets) && (Imp?.WorkSince ?? true) == (other.Imp?.WorkSince ?? true) && ReferenceEquals(Slots, other.Slots)))
        {
            return this;
        }

        // A location one side has no facts for is a socket of unseen provenance there (may: its events; must: none).
        var sockets = Sockets;
        foreach (var pair in other.Sockets)
        {
            var mine = sockets.TryGetValue(pair.Key, out var known) ? known : SocketFacts.Empty;
            var united = mine.Union(pair.Value);
            if (!ReferenceEquals(united, known))
            {
                sockets = sockets.SetItem(pair.Key, united);
            }
        }

        foreach (var pair in Sockets)
        {
            if (!other.Sockets.ContainsKey(pair.Key))
            {
                var united = pair.Value.Union(SocketFacts.Empty);
                if (!ReferenceEquals(united, pair.Value))
                {
                    sockets = sockets.SetItem(pair.Key, united);
                }
            }
        }

        var imp = Imp is not null && other.Imp is not null && other.Imp.WorkSince ? Imp.WithWork() : Imp;
        var slots = JoinSlots(Slots, other.Slots);
        if (ReferenceEquals(sockets, Sockets) && ReferenceEquals(imp, Imp) && ReferenceEquals(slots, Slots))
        {
            return this;
        }

        return new PathState(Facts, sockets, Aliases, Results, imp, slots, Continuation, ContinuationIndex, Exceptional);
    }

    /// <summary>
    /// Merges states of different keys when a point has too many path classes: facts and aliases present in both
    /// survive, socket events are united. Loses correlation, never loses an event.
    /// </summary>
    public PathState Collapse(PathState other)
    {
        var facts = Facts.Where(p => other.Facts.TryGetValue(p.Key, out var f) && f.Equals(p.Value));
        var aliases = Aliases.Where(p => other.Aliases.TryGetValue(p.Key, out var a) && SymbolEqualityComparer.Default.Equals(a, p.Value));
        var mergedAliases = ImmutableDictionary.CreateRange(SymbolEqualityComparer.Default, aliases);

        // Locations whose alias was dropped take the union of what both sides knew of them.
        var sockets = ImmutableDictionary.Create<ISymbol, SocketFacts>(SymbolEqualityComparer.Default);
        foreach (var side in new[] { this, other })
        {
            foreach (var location in side.Sockets.Keys.Concat(side.Aliases.Keys))
            {
                if (mergedAliases.ContainsKey(location))
                {
                    continue;
                }

                sockets = sockets.SetItem(location, SocketOf(location).Union(other.SocketOf(location)));
            }
        }

        var results = ImmutableList.CreateBuilder<TrackedResult>();
        foreach (var r in Results)
        {
            var match = other.Results.FirstOrDefault(o => o.Call == r.Call);
            results.Add(match is null ? r : r.MergeWith(match));
        }

        foreach (var o in other.Results)
        {
            if (!Results.Any(r => r.Call == o.Call))
            {
                results.Add(o);
            }
        }

        var imp = Imp ?? other.Imp;
        if (Imp is not null && other.Imp is not null && (other.Imp.WorkSince || Imp.WorkSince))
        {
            imp = Imp.WithWork();
        }

        return new PathState(
            ImmutableDictionary.CreateRange(SymbolEqualityComparer.Default, facts),
            sockets,
            mergedAliases,
            results.ToImmutable(),
            imp,
            JoinSlots(Slots, other.Slots),
            Continuation,
            ContinuationIndex,
            Exceptional);
    }

    /// <summary>Each slot type joined with the other side's (null there when it has none); unchanged slots keep their object.</summary>
    private static ImmutableDictionary<Type, StateSlot> JoinSlots(ImmutableDictionary<Type, StateSlot> mine, ImmutableDictionary<Type, StateSlot> theirs)
    {
        if (ReferenceEquals(mine, theirs) || (mine.IsEmpty && theirs.IsEmpty))
        {
            return mine;
        }

        var joined = mine;
        foreach (var pair in mine)
        {
            var slot = pair.Value.Join(theirs.TryGetValue(pair.Key, out var other) ? other : null);
            if (!ReferenceEquals(slot, pair.Value))
            {
                joined = joined.SetItem(pair.Key, slot);
            }
        }

        foreach (var pair in theirs)
        {
            if (!mine.ContainsKey(pair.Key))
            {
                joined = joined.SetItem(pair.Key, pair.Value.Join(null));
            }
        }

        return joined;
    }

    private static bool SlotsEqual(ImmutableDictionary<Type, StateSlot> a, ImmutableDictionary<Type, StateSlot> b)
        => ReferenceEquals(a, b) || (a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && p.Value.Equals(other)));

    private static bool DictEquals<TValue>(ImmutableDictionary<ISymbol, TValue> a, ImmutableDictionary<ISymbol, TValue> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        var comparer = EqualityComparer<TValue>.Default;
        foreach (var pair in a)
        {
            if (!b.TryGetValue(pair.Key, out var other) || !comparer.Equals(pair.Value, other))
            {
                return false;
            }
        }

        return true;
    }
}
