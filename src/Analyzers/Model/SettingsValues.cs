using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// What a settings structure holds: its type and, for SOCKET_SECURITY_SETTINGS_IPSEC, the constant value of its
/// SecurityProtocol field (null when not a constant on every joined path). Kept for structure locals and for the
/// buffers a structure was marshalled into (<c>Marshal.StructureToPtr</c>), so the rules see what is actually passed.
/// </summary>
internal sealed class StructValue : IEquatable<StructValue>
{
    public StructValue(ITypeSymbol type, double? protocol, int? givenIn = null)
    {
        Type = type;
        Protocol = protocol;
        GivenIn = givenIn;
    }

    /// <summary>In a helper's summary: the value is still the one its caller gave in this parameter (unknown here).</summary>
    public int? GivenIn { get; }

    public ITypeSymbol Type { get; }

    public double? Protocol { get; }

    /// <summary>SOCKET_SECURITY_SETTINGS_IPSEC with SecurityProtocol = SOCKET_SECURITY_PROTOCOL_DEFAULT (C-SEC-8).</summary>
    public bool IsIpsecWithDefaultProtocol => IsIpsecSettings(Type) && Protocol == 0;

    /// <summary>The IPsec settings structure of every binding (matched by name: CsWin32, Vanara, hand-written).</summary>
    public static bool IsIpsecSettings(ITypeSymbol? type)
        => type is INamedTypeSymbol { TypeKind: TypeKind.Struct, Name: "SOCKET_SECURITY_SETTINGS_IPSEC" } named
           && !named.GetMembers("SecurityProtocol").IsEmpty;

    public bool Equals(StructValue? other)
        => other is not null && SymbolEqualityComparer.Default.Equals(Type, other.Type) && Protocol == other.Protocol && GivenIn == other.GivenIn;

    public override bool Equals(object? obj) => Equals(obj as StructValue);

    public override int GetHashCode() => SymbolEqualityComparer.Default.GetHashCode(Type) ^ (Protocol?.GetHashCode() ?? 0);
}

/// <summary>The path-state slot of settings structures and buffers, per storage location (C-SEC-7, C-SEC-8).</summary>
internal sealed class SettingsValues : LocationSlot<StructValue>
{
    public static readonly SettingsValues Empty = new(NoValues);

    private SettingsValues(ImmutableDictionary<ISymbol, StructValue> values)
        : base(values)
    {
    }

    public StructValue? Of(ISymbol location) => TryGet(location, out var value) ? value : null;

    public SettingsValues Holding(ISymbol location, StructValue? value)
        => (SettingsValues)(value is null ? Forget(location) : Set(location, value));

    protected override LocationSlot<StructValue> With(ImmutableDictionary<ISymbol, StructValue> values) => new SettingsValues(values);

    /// <summary>The same structure type on both paths keeps its type; the protocol only when it is the same constant.</summary>
    protected override StructValue? Combine(StructValue mine, StructValue theirs)
        => !SymbolEqualityComparer.Default.Equals(mine.Type, theirs.Type) ? null
            : mine.Equals(theirs) ? mine
            : new StructValue(mine.Type, mine.Protocol == theirs.Protocol ? mine.Protocol : null);
}
