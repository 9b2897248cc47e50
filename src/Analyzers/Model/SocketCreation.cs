using System;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// How one socket came to be on some path: the creating call and the constant values of its family, type, protocol
/// and flags arguments (null when not a constant), and whether .NET created it (<c>new Socket(…)</c>: always
/// overlapped). An accepted socket carries its listening socket's creations.
/// </summary>
internal sealed class SocketCreation : IEquatable<SocketCreation>
{
    public SocketCreation(IOperation site, double? family, double? type, double? protocol, double? flags, bool managed)
    {
        Site = site;
        Family = family;
        Type = type;
        Protocol = protocol;
        Flags = flags;
        Managed = managed;
    }

    public IOperation Site { get; }

    public double? Family { get; }

    public double? Type { get; }

    public double? Protocol { get; }

    public double? Flags { get; }

    public bool Managed { get; }

    public bool Equals(SocketCreation? other)
        => other is not null && Site == other.Site && Family == other.Family && Type == other.Type && Protocol == other.Protocol
           && Flags == other.Flags && Managed == other.Managed;

    public override bool Equals(object? obj) => Equals(obj as SocketCreation);

    public override int GetHashCode() => (Site.Syntax.SpanStart * 31) ^ (Family?.GetHashCode() ?? 0) ^ (Type?.GetHashCode() ?? 0);
}
