using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Catalog;

/// <summary>
/// Built-in models of libraries that carry no contract attributes, matched by simple assembly name (any version or key)
/// and full type name: NSspi, NtApiDotNet and its successor NtCoreLib. Only the members whose failure is an exception are
/// modelled; the <c>throw_on_error</c> overloads that return a status are events only where a constant <c>true</c> makes
/// them throw (<see cref="ApiCatalog.KindOf(Microsoft.CodeAnalysis.Operations.IInvocationOperation, ApiMethod)"/>), and otherwise stay opaque (out of sight is silent).
/// </summary>
internal static class LibraryModels
{
    private static readonly ImmutableHashSet<string> Assemblies = ImmutableHashSet.Create(StringComparer.Ordinal, "NSspi", "NtApiDotNet", "NtCoreLib");

    public static bool IsModelled(IAssemblySymbol? assembly) => assembly is not null && Assemblies.Contains(assembly.Name);

    /// <summary>The member names <see cref="Classify"/> can answer for (a call to a modelled member is by one of them).</summary>
    public static readonly ImmutableArray<string> MemberNames = ImmutableArray.Create("ImpersonateClient", "Impersonate", "Revert", "SetSecurity", "SetPeerTargetName");

    public static ApiMethod Classify(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null || !IsModelled(type.ContainingAssembly) || method.DeclaredAccessibility != Accessibility.Public)
        {
            return ApiMethod.NotApi;
        }

        var root = type.ContainingAssembly.Name;
        switch (method.Name)
        {
            // NSspi: ServerContext.ImpersonateClient() throws on failure and returns the owner ImpersonationHandle.
            case "ImpersonateClient" when root == "NSspi" && KnownTypes.HasFullName(type, "NSspi.Contexts.ServerContext") && method.Parameters.IsEmpty:
                return Scope(ApiKind.WrapperContextScope, SocketSlot.None);

            // ServerAuthenticationContext.Impersonate() throws on failure and returns AuthenticationImpersonationContext.
            case "Impersonate" when root != "NSspi" && method.Parameters.IsEmpty
                                    && KnownTypes.HasFullName(type, root + ".Win32.Security.Authentication.ServerAuthenticationContext"):
                return Scope(ApiKind.WrapperContextScope, SocketSlot.None);

            // ThreadImpersonationContext.Revert(): the owner's revert, by hand.
            case "Revert" when root != "NSspi" && method.Parameters.IsEmpty
                               && (KnownTypes.HasFullName(type, root + ".ThreadImpersonationContext") || KnownTypes.HasFullName(type, root + ".Utilities.Token.ThreadImpersonationContext")):
                return new ApiMethod(ApiKind.ThreadRevert, SocketSlot.None, ImmutableArray<(ArgumentRole, int)>.Empty, ResultConvention.None, isNative: false);
        }

        if (root == "NSspi" || !method.IsExtensionMethod
            || !(KnownTypes.HasFullName(type, root + ".Net.Sockets.SocketSecurityUtils") || KnownTypes.HasFullName(type, root + ".Net.Sockets.Security.SocketSecurityUtils")))
        {
            return ApiMethod.NotApi;
        }

        // SocketSecurityUtils extension methods on Socket / TcpClient / TcpListener (the receiver is parameter 0).
        var throwOnError = method.Parameters.FirstOrDefault(p => p.Name == "throw_on_error");
        var result = throwOnError is null ? ResultConvention.Throws : ResultConvention.ZeroIsSuccess;
        return method.Name switch
        {
            "SetSecurity" when throwOnError is null || method.ReturnType.Name == "NtStatus"
                => new ApiMethod(ApiKind.Secure, 0, ThrowOnError(throwOnError), result, isNative: false),
            "SetPeerTargetName" when throwOnError is null || method.ReturnType.Name == "NtStatus"
                => new ApiMethod(ApiKind.TargetName, 0, ThrowOnError(throwOnError), result, isNative: false),
            "Impersonate" when throwOnError is null => Scope(ApiKind.WrapperPeerScope, 0),
            _ => ApiMethod.NotApi,
        };
    }

    /// <summary>
    /// A <c>throw_on_error</c> overload is an event only when the call passes a constant <c>true</c> (it then throws like
    /// the plain overload); otherwise it returns a status the model does not follow: out of sight.
    /// </summary>
    public static bool ThrowsAtCall(Microsoft.CodeAnalysis.Operations.IInvocationOperation invocation, ApiMethod api)
        => api.OrdinalOf(ArgumentRole.ThrowOnError) is var ordinal and >= 0
           && Arguments.Get(invocation, ordinal)?.ConstantValue is { HasValue: true, Value: true };

    private static ApiMethod Scope(ApiKind kind, int slot)
        => new(kind, slot, ImmutableArray<(ArgumentRole, int)>.Empty, ResultConvention.Throws, isNative: false);

    private static ImmutableArray<(ArgumentRole, int)> ThrowOnError(IParameterSymbol? parameter)
        => parameter is null ? ImmutableArray<(ArgumentRole, int)>.Empty : ImmutableArray.Create((ArgumentRole.ThrowOnError, parameter.Ordinal));
}
