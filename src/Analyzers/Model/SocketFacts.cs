using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Model;

/// <summary>Events that may have happened to one socket on some path (RULES.md "Socket events").</summary>
[Flags]
internal enum SocketEvents
{
    None = 0,
    Bound = 1,
    Listening = 2,
    Connected = 4,
    Accepted = 8,       // created connected: accept, WSAAccept, AcceptEx, Socket.Accept, new TcpClient(host, port)
    SentTo = 16,        // a connectionless send-to binds implicitly (C-SEC-3, Precision 15)
    Secured = 32,       // a secure event whose result does not show failure
    Named = 64,

    /// <summary>Events after which WSASetSocketSecurity fails (C-SEC-1, 2, 3, 6).</summary>
    TooLateToSecure = Bound | Listening | Connected | Accepted | SentTo,

    /// <summary>Events after which WSASetSocketPeerTargetName fails (C-TGT-2, 3).</summary>
    TooLateToName = Connected | Accepted,
}

/// <summary>
/// What may have happened to one socket (one storage location) on the paths merged into a state.
/// Immutable; the witnesses are the earliest event of each sort, for diagnostics' additional locations.
/// </summary>
internal sealed class SocketFacts : IEquatable<SocketFacts>
{
    public static readonly SocketFacts Empty = new(SocketEvents.None, null, null, null, ImmutableHashSet.Create<ISymbol>(SymbolEqualityComparer.Default));

    public SocketFacts(SocketEvents events, IOperation? tooLateWitness, IOperation? connectedWitness, IOperation? securedWitness, ImmutableHashSet<ISymbol> sentToAddresses)
    {
        Events = events;
        TooLateWitness = tooLateWitness;
        ConnectedWitness = connectedWitness;
        SecuredWitness = securedWitness;
        SentToAddresses = sentToAddresses;
    }

    public SocketEvents Events { get; }

    /// <summary>The earliest bind/listen/connect/accept/send-to event.</summary>
    public IOperation? TooLateWitness { get; }

    /// <summary>The earliest connect or accept event.</summary>
    public IOperation? ConnectedWitness { get; }

    /// <summary>The earliest secure event.</summary>
    public IOperation? SecuredWitness { get; }

    /// <summary>Locations used as send-to destinations (Precision 15).</summary>
    public ImmutableHashSet<ISymbol> SentToAddresses { get; }

    public bool Has(SocketEvents e) => (Events & e) != 0;

    public SocketFacts With(SocketEvents added, IOperation witness, ISymbol? address = null)
    {
        var tooLate = (added & SocketEvents.TooLateToSecure) != 0 ? Earliest(TooLateWitness, witness) : TooLateWitness;
        var connected = (added & SocketEvents.TooLateToName) != 0 ? Earliest(ConnectedWitness, witness) : ConnectedWitness;
        var secured = (added & SocketEvents.Secured) != 0 ? Earliest(SecuredWitness, witness) : SecuredWitness;
        var addresses = address is null ? SentToAddresses : SentToAddresses.Add(address);
        return new SocketFacts(Events | added, tooLate, connected, secured, addresses);
    }

    public SocketFacts Without(SocketEvents removed)
        => new(Events & ~removed, TooLateWitness, ConnectedWitness, (removed & SocketEvents.Secured) != 0 ? null : SecuredWitness, SentToAddresses);

    public SocketFacts Union(SocketFacts other)
    {
        if (ReferenceEquals(this, other) || other.Equals(Empty))
        {
            return this;
        }

        // Nothing new: keep this object (callers compare by reference to detect change).
        if ((other.Events & ~Events) == 0
            && Earliest(TooLateWitness, other.TooLateWitness) == TooLateWitness
            && Earliest(ConnectedWitness, other.ConnectedWitness) == ConnectedWitness
            && Earliest(SecuredWitness, other.SecuredWitness) == SecuredWitness
            && other.SentToAddresses.IsSubsetOf(SentToAddresses))
        {
            return this;
        }

        return new SocketFacts(
            Events | other.Events,
            Earliest(TooLateWitness, other.TooLateWitness),
            Earliest(ConnectedWitness, other.ConnectedWitness),
            Earliest(SecuredWitness, other.SecuredWitness),
            SentToAddresses.Union(other.SentToAddresses));
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
           && TooLateWitness == other.TooLateWitness
           && ConnectedWitness == other.ConnectedWitness
           && SecuredWitness == other.SecuredWitness
           && SentToAddresses.SetEquals(other.SentToAddresses);

    public override bool Equals(object? obj) => Equals(obj as SocketFacts);

    public override int GetHashCode() => (int)Events;
}
