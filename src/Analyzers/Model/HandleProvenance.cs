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
/// The path-state slot of SSPI context handles, per storage location: the calls that may have written it last on the
/// joined paths (united at joins). A location with no entry was, on some path, written by something else or not seen
/// being written: its provenance is unknown.
/// </summary>
internal sealed class HandleProvenance : LocationSlot<HandleProvenance.Writers>
{
    public static readonly HandleProvenance Empty = new(NoValues);

    private HandleProvenance(ImmutableDictionary<ISymbol, Writers> values)
        : base(values)
    {
    }

    /// <summary>The calls that may have written the location last; None when that is not known on every path.</summary>
    public ContextWriters Of(ISymbol location) => TryGet(location, out var w) ? w.Calls : ContextWriters.None;

    public HandleProvenance Written(ISymbol location, ContextWriters by)
        => (HandleProvenance)(by == ContextWriters.None ? Forget(location) : Set(location, new Writers(by)));

    protected override LocationSlot<Writers> With(ImmutableDictionary<ISymbol, Writers> values) => new HandleProvenance(values);

    protected override Writers? Combine(Writers mine, Writers theirs) => new Writers(mine.Calls | theirs.Calls);

    /// <summary>One location's writers (a class, so that "unknown" is null).</summary>
    internal sealed class Writers : IEquatable<Writers>
    {
        public Writers(ContextWriters calls) => Calls = calls;

        public ContextWriters Calls { get; }

        public bool Equals(Writers? other) => other is not null && other.Calls == Calls;

        public override bool Equals(object? obj) => Equals(obj as Writers);

        public override int GetHashCode() => (int)Calls;
    }
}
