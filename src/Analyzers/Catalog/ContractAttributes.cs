using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Catalog;

/// <summary>
/// The contract attributes a library puts on its wrappers (<c>SecureSockets.Contracts.&lt;Name&gt;Attribute</c>),
/// recognized by full name wherever they are declared — in the runtime wrapper, in the library's own internal copy, in
/// the consumer's source — as the compiler treats the nullable attributes. A call to an annotated method is that event
/// at the call site, for every rule.
/// </summary>
internal static class ContractAttributes
{
    public const string Namespace = "SecureSockets.Contracts";

    /// <summary>The attribute types, by simple name: any of them in a referenced assembly wakes the analyzer.</summary>
    public static readonly string[] Names =
    {
        "BeginsImpersonationAttribute", "RevertsImpersonationAttribute", "SecuresSocketAttribute", "SetsPeerTargetNameAttribute",
        "ImpersonatesSocketPeerAttribute", "BindsSocketAttribute", "ListensOnSocketAttribute", "ConnectsSocketAttribute",
        "CreatesSocketAttribute", "AcceptsSocketAttribute", "ChecksResultAttribute",
    };

    // ImpersonationKind.Peer / .SecurityContext.
    private const int PeerKind = 0;

    /// <summary>What an annotated method is; <see cref="ApiMethod.NotApi"/> when it carries no contract.</summary>
    public static ApiMethod Classify(IMethodSymbol method)
    {
        var attributes = method.GetAttributes();
        if (attributes.IsEmpty)
        {
            return ApiMethod.NotApi;
        }

        int? begins = null;
        var kind = ApiKind.None;
        var slot = SocketSlot.None;
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is not { } type || !IsContract(type))
            {
                continue;
            }

            // An internal copy may declare its constructor differently (params arrays): only a plain constant is read.
            var parameter = attribute.ConstructorArguments.FirstOrDefault() is { Kind: not TypedConstantKind.Array and not TypedConstantKind.Error } constant ? constant.Value : null;
            switch (type.Name)
            {
                case "BeginsImpersonationAttribute":
                    begins = parameter is int k ? k : PeerKind;
                    continue;
                case "RevertsImpersonationAttribute":
                    kind = ApiKind.ThreadRevert;
                    continue;
                case "CreatesSocketAttribute":
                    (kind, slot) = (ApiKind.CreateFresh, SocketSlot.Result);
                    continue;
                case "AcceptsSocketAttribute":
                    (kind, slot) = (ApiKind.CreateConnected, SocketSlot.Result);
                    continue;
            }

            var eventKind = type.Name switch
            {
                "SecuresSocketAttribute" => ApiKind.Secure,
                "SetsPeerTargetNameAttribute" => ApiKind.TargetName,
                "ImpersonatesSocketPeerAttribute" => ApiKind.PeerImpersonate,
                "BindsSocketAttribute" => ApiKind.Bind,
                "ListensOnSocketAttribute" => ApiKind.Listen,
                "ConnectsSocketAttribute" => ApiKind.Connect,
                _ => ApiKind.None,
            };
            if (eventKind != ApiKind.None && parameter is string name && method.Parameters.FirstOrDefault(p => p.Name == name) is { } socket)
            {
                (kind, slot) = (eventKind, socket.Ordinal);
            }
        }

        if (begins is { } beginKind)
        {
            return Begin(method, beginKind == PeerKind ? ApiKind.PeerImpersonate : ApiKind.SspiImpersonate, slot);
        }

        // [ImpersonatesSocketPeer] alone is a peer begin too (an owner it returns reverts at Dispose).
        if (kind == ApiKind.PeerImpersonate)
        {
            return Begin(method, kind, slot);
        }

        return Event(method, kind, slot);
    }

    /// <summary>
    /// A method that begins impersonation of <paramref name="kind"/> (an attribute or an option says so). Returning an owner,
    /// it throws on failure and the owner's Dispose reverts (the wrapper's scope shape); otherwise its failure convention is
    /// its return type's.
    /// </summary>
    public static ApiMethod Begin(IMethodSymbol method, ApiKind kind, int slot = SocketSlot.None)
        => ReturnsOwner(method)
            ? new ApiMethod(kind == ApiKind.PeerImpersonate ? ApiKind.WrapperPeerScope : ApiKind.WrapperContextScope, slot, Roles(method), ResultConvention.Throws, isNative: false)
            : Event(method, kind, slot);

    /// <summary>A method that is the event <paramref name="kind"/> on the socket in <paramref name="slot"/>.</summary>
    public static ApiMethod Event(IMethodSymbol method, ApiKind kind, int slot = SocketSlot.None)
        => kind == ApiKind.None ? ApiMethod.NotApi : new ApiMethod(kind, slot, Roles(method), ResultOf(method), isNative: false);

    /// <summary>The status parameter a <c>[ChecksResult("param")]</c> method tests (and throws on failure of), or -1.</summary>
    public static int CheckedParameter(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "ChecksResultAttribute" } type && IsContract(type)
                && attribute.ConstructorArguments.FirstOrDefault() is { Kind: TypedConstantKind.Primitive, Value: string name }
                && method.Parameters.FirstOrDefault(p => p.Name == name) is { } parameter)
            {
                return parameter.Ordinal;
            }
        }

        return -1;
    }

    public static bool IsContract(INamedTypeSymbol type)
        => type.ContainingType is null && KnownTypes.IsInNamespace(type, "SecureSockets", "Contracts");

    private static ResultConvention ResultOf(IMethodSymbol method)
        => method.ReturnsVoid ? ResultConvention.Throws : ResultConventions.Of(method.ReturnType);

    private static bool ReturnsOwner(IMethodSymbol method)
        => method.ReturnType.SpecialType == SpecialType.System_IDisposable
           || method.ReturnType.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_IDisposable);

    /// <summary>The settings and peer arguments of annotated wrappers, by the parameter names wrappers use.</summary>
    private static ImmutableArray<(ArgumentRole, int)> Roles(IMethodSymbol method)
        => KnownTypes.Roles(method, (ArgumentRole.Settings, new[] { "settings", "securitySettings" }), (ArgumentRole.PeerAddress, new[] { "peer", "peerAddress" }));
}
