using System;
using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// How one socket came to be on some path: the creating call and the constant values of its family, type, protocol
/// and flags arguments (null when not a constant), and whether .NET created it (<c>new Socket(…)</c>: always
/// overlapped). An accepted socket carries its listening socket's creations.
/// </summary>
/// <remarks>
/// Overlapped (C-IMP-2): <c>socket()</c> always gives the overlapped attribute, and so does .NET; <c>WSASocket</c> only
/// with WSA_FLAG_OVERLAPPED in its flags. A flags argument that is not a constant leaves it unknown.
/// </remarks>
internal sealed class SocketCreation : IEquatable<SocketCreation>
{
    public SocketCreation(IOperation site, double? family, double? type, double? protocol, double? flags, bool managed, bool hasFlagsArgument)
    {
        HasFlagsArgument = hasFlagsArgument;
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

    /// <summary>
    /// Has the socket the overlapped attribute? True for <c>socket()</c> (it has no flags argument) and .NET; for WSASocket,
    /// what its constant flags say; null when the flags are not a constant.
    /// </summary>
    public bool? Overlapped => Managed || !HasFlagsArgument ? true : Flags is { } f ? ((long)f & NativeApiTable.WsaFlagOverlapped) != 0 : null;

    /// <summary>Does the creating call take a flags argument (WSASocket does, socket() does not)?</summary>
    public bool HasFlagsArgument { get; }

    /// <summary>
    /// A family the secure socket APIs refuse (C-SEC-5): a known constant other than AF_INET/AF_INET6. AF_UNSPEC (0) and
    /// FROM_PROTOCOL_INFO (-1) let the provider or a protocol-info structure decide: not known.
    /// </summary>
    public bool HasUnsupportedFamily => Family is { } f && f != NativeApiTable.AfInet && f != NativeApiTable.AfInet6 && f != 0 && f != -1;

    /// <summary>Connection-oriented (SOCK_STREAM) by a constant.</summary>
    public bool IsStream => Type == NativeApiTable.SockStream;

    /// <summary>Connectionless (SOCK_DGRAM) by a constant.</summary>
    public bool IsDatagram => Type == NativeApiTable.SockDgram;

    /// <summary>A type the secure socket APIs refuse (C-SEC-5): a known constant other than SOCK_STREAM/SOCK_DGRAM (0 and -1 as for the family).</summary>
    public bool HasUnsupportedType => Type is { } t && t != NativeApiTable.SockStream && t != NativeApiTable.SockDgram && t != 0 && t != -1;

    public bool Equals(SocketCreation? other)
        => other is not null && Site == other.Site && Family == other.Family && Type == other.Type && Protocol == other.Protocol
           && Flags == other.Flags && Managed == other.Managed && HasFlagsArgument == other.HasFlagsArgument;

    public override bool Equals(object? obj) => Equals(obj as SocketCreation);

    public override int GetHashCode() => (Site.Syntax.SpanStart * 31) ^ (Family?.GetHashCode() ?? 0) ^ (Type?.GetHashCode() ?? 0);
}
