using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Model;

/// <summary>Events that may have happened to one socket on some path.</summary>
[Flags]
internal enum SocketEvents
{
    None = 0,
    Bound = 1,
    Listening = 2,
    Connected = 4,
    Accepted = 8,       // created connected: accept, WSAAccept, AcceptEx, Socket.Accept, new TcpClient(host, port)
    SentTo = 16,        // a connectionless send-to binds implicitly (C-SEC-3)
    Secured = 32,       // a secure event whose result does not show failure
    Named = 64,
    NonBlocking = 128,  // ioctlsocket(FIONBIO, non-zero), Socket.Blocking = false, WSAEventSelect, WSAAsyncSelect (C-IMP-2)
    PeerImpersonated = 256,
    Escaped = 512,      // given to code we cannot see into: anything may have happened to it there (out of sight is silent)

    /// <summary>Events after which WSASetSocketSecurity fails (C-SEC-1, 2, 3, 6).</summary>
    TooLateToSecure = Bound | Listening | Connected | Accepted | SentTo,

    /// <summary>Events after which WSASetSocketPeerTargetName fails (C-TGT-2, 3).</summary>
    TooLateToName = Connected | Accepted,

    /// <summary>What a socket's facts record besides its lifecycle: no work, no order the socket-order rules judge.</summary>
    Markers = NonBlocking | PeerImpersonated | Escaped,
}

/// <summary>
/// What happened to one socket (one storage location) on the paths merged into a state: the events on some path
/// (<see cref="Events"/>, may) and on every path (<see cref="Must"/>), the creations it may come from, and whether on
/// some path it came from somewhere unseen (a parameter, an unknown call). "On every path" rules read
/// <see cref="Must"/> and the creations, and stay silent when the provenance is unknown. Immutable; the witnesses are
/// the earliest event of each sort, for diagnostics' additional locations.
/// </summary>
internal sealed class SocketFacts : IEquatable<SocketFacts>
{
    private static readonly ImmutableHashSet<ISymbol> NoAddresses = ImmutableHashSet.Create<ISymbol>(SymbolEqualityComparer.Default);
    private static readonly ImmutableHashSet<SocketCreation> NoCreations = ImmutableHashSet<SocketCreation>.Empty;

    /// <summary>A socket nothing is known of: no events, provenance unseen.</summary>
    public static readonly SocketFacts Empty = new(SocketEvents.None, SocketEvents.None, null, null, null, NoAddresses, NoCreations, unknownProvenance: true);

    private SocketFacts(SocketEvents events, SocketEvents must, IOperation? tooLateWitness, IOperation? connectedWitness, IOperation? securedWitness,
        ImmutableHashSet<ISymbol> sentToAddresses, ImmutableHashSet<SocketCreation> creations, bool unknownProvenance)
    {
        Events = events;
        Must = must;
        TooLateWitness = tooLateWitness;
        ConnectedWitness = connectedWitness;
        SecuredWitness = securedWitness;
        SentToAddresses = sentToAddresses;
        Creations = creations;
        UnknownProvenance = unknownProvenance;
    }

    /// <summary>A socket just created (no events yet) by <paramref name="creation"/>, or of unseen provenance when null.</summary>
    public static SocketFacts Created(SocketCreation? creation)
        => creation is null ? Empty : new(SocketEvents.None, SocketEvents.None, null, null, null, NoAddresses, NoCreations.Add(creation), unknownProvenance: false);

    /// <summary>Events on some path.</summary>
    public SocketEvents Events { get; }

    /// <summary>Events on every path.</summary>
    public SocketEvents Must { get; }

    /// <summary>The earliest bind/listen/connect/accept/send-to event.</summary>
    public IOperation? TooLateWitness { get; }

    /// <summary>The earliest connect or accept event.</summary>
    public IOperation? ConnectedWitness { get; }

    /// <summary>The earliest secure event.</summary>
    public IOperation? SecuredWitness { get; }

    /// <summary>Locations used as send-to destinations (the same location is the same address).</summary>
    public ImmutableHashSet<ISymbol> SentToAddresses { get; }

    /// <summary>The creations the socket may come from (every one of them, when <see cref="UnknownProvenance"/> is false).</summary>
    public ImmutableHashSet<SocketCreation> Creations { get; }

    /// <summary>On some path the socket came from somewhere the analysis did not see being created.</summary>
    public bool UnknownProvenance { get; }

    public bool Has(SocketEvents e) => (Events & e) != 0;

    /// <summary>Did <paramref name="e"/> happen on every path (all of its bits)?</summary>
    public bool HasOnEveryPath(SocketEvents e) => (Must & e) == e;

    /// <summary>Does every creation the socket may come from satisfy <paramref name="predicate"/>, all of them seen?</summary>
    public bool EveryCreation(Func<SocketCreation, bool> predicate)
    {
        if (UnknownProvenance || Creations.IsEmpty)
        {
            return false;
        }

        foreach (var creation in Creations)
        {
            if (!predicate(creation))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The same socket's creations and provenance with its events forgotten (AcceptEx makes its accept socket new).</summary>
    public SocketFacts Renewed() => new(SocketEvents.None, SocketEvents.None, null, null, null, NoAddresses, Creations, UnknownProvenance);

    /// <summary>A socket accepted from this listening socket: it has the listener's family, type, flags and blocking mode.</summary>
    public SocketFacts AcceptedFrom(IOperation witness)
        => new SocketFacts(SocketEvents.None, SocketEvents.None, null, null, null, NoAddresses, Creations, UnknownProvenance)
            .With(SocketEvents.Accepted | (Events & SocketEvents.NonBlocking), witness);

    /// <summary>
    /// What a helper's returned socket had, as seen at the call (a factory summary): the same events, must events and
    /// creations, witnessed by the call itself (the helper's own operations are in another body).
    /// </summary>
    public SocketFacts SeenAt(IOperation call)
        => new(Events, Must,
            TooLateWitness is null ? null : call,
            ConnectedWitness is null ? null : call,
            SecuredWitness is null ? null : call,
            NoAddresses, Creations, UnknownProvenance);

    public SocketFacts With(SocketEvents added, IOperation witness, ISymbol? address = null)
    {
        var tooLate = (added & SocketEvents.TooLateToSecure) != 0 ? Earliest(TooLateWitness, witness) : TooLateWitness;
        var connected = (added & SocketEvents.TooLateToName) != 0 ? Earliest(ConnectedWitness, witness) : ConnectedWitness;
        var secured = (added & SocketEvents.Secured) != 0 ? Earliest(SecuredWitness, witness) : SecuredWitness;
        var addresses = address is null ? SentToAddresses : SentToAddresses.Add(address);
        return new SocketFacts(Events | added, Must | added, tooLate, connected, secured, addresses, Creations, UnknownProvenance);
    }

    public SocketFacts Without(SocketEvents removed)
        => new(Events & ~removed, Must & ~removed, TooLateWitness, ConnectedWitness, (removed & SocketEvents.Secured) != 0 ? null : SecuredWitness, SentToAddresses, Creations, UnknownProvenance);

    /// <summary>The join of two paths: events on either (may), events on both (must), creations of either.</summary>
    public SocketFacts Union(SocketFacts other)
    {
        if (ReferenceEquals(this, other))
        {
            return this;
        }

        // Nothing new: keep this object (callers compare by reference to detect change).
        if ((other.Events & ~Events) == 0
            && (Must & ~other.Must) == 0
            && Earliest(TooLateWitness, other.TooLateWitness) == TooLateWitness
            && Earliest(ConnectedWitness, other.ConnectedWitness) == ConnectedWitness
            && Earliest(SecuredWitness, other.SecuredWitness) == SecuredWitness
            && other.SentToAddresses.IsSubsetOf(SentToAddresses)
            && other.Creations.IsSubsetOf(Creations)
            && (UnknownProvenance || !other.UnknownProvenance))
        {
            return this;
        }

        return new SocketFacts(
            Events | other.Events,
            Must & other.Must,
            Earliest(TooLateWitness, other.TooLateWitness),
            Earliest(ConnectedWitness, other.ConnectedWitness),
            Earliest(SecuredWitness, other.SecuredWitness),
            SentToAddresses.Union(other.SentToAddresses),
            Creations.Union(other.Creations),
            UnknownProvenance || other.UnknownProvenance);
    }

    /// <summary>Deterministic choice so that the fixed point does not depend on visiting order.</summary>
    private static IOperation? Earliest(IOperation? a, IOperation? b)
    {
        if (a is null)
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        return b.Syntax.SpanStart < a.Syntax.SpanStart ? b : a;
    }

    public bool Equals(SocketFacts? other)
        => other is not null
           && Events == other.Events
           && Must == other.Must
           && UnknownProvenance == other.UnknownProvenance
           && TooLateWitness == other.TooLateWitness
           && ConnectedWitness == other.ConnectedWitness
           && SecuredWitness == other.SecuredWitness
           && SentToAddresses.SetEquals(other.SentToAddresses)
           && Creations.SetEquals(other.Creations);

    public override bool Equals(object? obj) => Equals(obj as SocketFacts);

    public override int GetHashCode() => (int)Events ^ ((int)Must << 8);
}
