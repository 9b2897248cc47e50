using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace SecureSockets.Analyzers.Catalog;

/// <summary>
/// The one place that answers "is this call API X, and which argument is the socket?" for one compilation.
/// Built once per compilation; method answers are cached (symbols are compared by identity, never by text).
/// </summary>
internal sealed class ApiCatalog
{
    private readonly ConcurrentDictionary<IMethodSymbol, ApiMethod> cache = new(SymbolEqualityComparer.Default);

    // One delegate for the cache's misses: a method group converted at every call allocated a delegate per lookup.
    private readonly Func<IMethodSymbol, ApiMethod> classifyUncached;

    // Does any assembly of the compilation declare the contract attributes? Only then are methods' attributes read.
    private readonly bool contractsKnown;

    private ApiCatalog(Compilation compilation)
    {
        Compilation = compilation;
        classifyUncached = ClassifyUncached;
        contractsKnown = DeclaresContracts(compilation.Assembly) || compilation.SourceModule.ReferencedAssemblySymbols.Any(r => MayDeclare(r) && DeclaresContracts(r));
    }

    /// <summary>
    /// Can this reference declare a contract attribute or a binding type? A Microsoft-signed one (the framework) cannot, and
    /// its type table is not read. Asked of references only: the source assembly's identity would bind its attributes
    /// (version, signing key), work the compile does later and a cold compiler process pays for at once.
    /// </summary>
    private static bool MayDeclare(IAssemblySymbol reference) => !KnownTypes.IsMicrosoftSigned(reference.Identity);

    /// <summary>Does the assembly declare a contract attribute (its type table first: no namespace symbols built)?</summary>
    private static bool DeclaresContracts(IAssemblySymbol assembly)
    {
        var names = assembly.TypeNames;
        foreach (var name in ContractAttributes.Names)
        {
            if (names.Contains(name) && assembly.GetTypeByMetadataName(ContractAttributes.Namespace + "." + name) is not null)
            {
                return true;
            }
        }

        return false;
    }

    public Compilation Compilation { get; }

    /// <summary>Does any assembly of the compilation declare the contract attributes (so that methods' attributes are read)?</summary>
    public bool ContractsKnown => contractsKnown;

    /// <summary>
    /// Is the symbol declared in this compilation's own syntax trees, so that its body can be bound here? A symbol of a
    /// project reference seen from an IDE (a <c>CompilationReference</c>) has syntax too, but in another compilation:
    /// binding it throws, and it is metadata to us (calls into other assemblies are opaque).
    /// </summary>
    public bool IsDeclaredHere(ISymbol symbol)
    {
        var references = symbol.DeclaringSyntaxReferences;
        if (references.IsEmpty || !SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, Compilation.Assembly))
        {
            return false;
        }

        foreach (var reference in references)
        {
            if (!Compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The catalog for a compilation, or null when the compilation references none of the secure-socket or SSPI
    /// APIs (the BCL's Socket alone does not wake the analyzer).
    /// </summary>
    public static ApiCatalog? TryCreate(Compilation compilation)
        => IsActive(compilation) ? new ApiCatalog(compilation) : null;

    internal static bool IsActive(Compilation compilation)
    {
        // Source declarations: a binding that keeps the entry point's name declares it exactly, so the declaration table's
        // name index answers and only the few symbols so named are created (a predicate over every name would create
        // every type's symbols); only one the catalog classifies as a tracked API wakes the analyzer (a property named
        // Impersonating, or a P/Invoke we do not track such as ImpersonateLoggedOnUser, does not).
        var probe = new ApiCatalog(compilation);
        foreach (var name in WakeNames)
        {
            if (compilation.ContainsSymbolsWithName(name, SymbolFilter.Member)
                && compilation.GetSymbolsWithName(name, SymbolFilter.Member).Any(m => m is IMethodSymbol method && probe.Classify(method).IsApi))
            {
                return true;
            }
        }

        // Bindings that rename the method and name the API by its entry point: only files that say
        // EntryPoint are bound, and only their P/Invoke declarations.
        if (SourceRenamesApi(probe, compilation))
        {
            return true;
        }

        // Known binding and wrapper types and the contract attributes, in source or in any reference. Each assembly's
        // simple type names first (a scan of its type table): asking the compilation for a name it does not have makes
        // every reference build its namespace symbols, the cost every project would pay in a cold compiler process.
        if (probe.contractsKnown || DeclaresKnownType(compilation.Assembly))
        {
            return true;
        }

        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if ((MayDeclare(assembly) && DeclaresKnownType(assembly)) || LibraryModels.IsModelled(assembly))
            {
                return true;
            }

            // P/Invoke declarations in referenced (non-framework) assemblies: member names first, then what they are.
            if (!KnownTypes.IsFrameworkAssembly(assembly.Name) && NamespaceDeclaresApi(probe, assembly.GlobalNamespace, budget: new[] { 20000 }))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] EntryPointWord = { "EntryPoint" };

    // The table's entry points that wake the analyzer (the secure-socket and SSPI ones, not connect or socket).
    private static readonly string[] WakeNames = NativeApiTable.NamesOf(_ => true).Where(NativeApiTable.IsWakeName).ToArray();

    private static bool SourceRenamesApi(ApiCatalog probe, Compilation compilation)
    {
        var buffer = new char[8192];
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!TextSearch.ContainsAny(tree.GetText(), EntryPointWord, buffer))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var method in tree.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                         .OfType<MethodDeclarationSyntax>())
            {
                if (AttributeNames.EntryPointOf(method.AttributeLists) is null)
                {
                    continue;
                }

#pragma warning disable RS1030 // Only declarations that name an entry point are bound, once per compilation.
                model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (model.GetDeclaredSymbol(method) is IMethodSymbol symbol && probe.Classify(symbol).IsApi)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool DeclaresKnownType(IAssemblySymbol assembly)
    {
        var names = assembly.TypeNames;
        foreach (var name in KnownTypes.BindingTypes)
        {
            if (names.Contains(name.Substring(name.LastIndexOf('.') + 1)) && assembly.GetTypeByMetadataName(name) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool NamespaceDeclaresApi(ApiCatalog probe, INamespaceSymbol ns, int[] budget)
    {
        foreach (var member in ns.GetMembers())
        {
            if (--budget[0] < 0)
            {
                return false;
            }

            if (member is INamespaceSymbol child)
            {
                if (NamespaceDeclaresApi(probe, child, budget))
                {
                    return true;
                }
            }
            else if (member is INamedTypeSymbol type && TypeDeclaresApi(probe, type, budget))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TypeDeclaresApi(ApiCatalog probe, INamedTypeSymbol type, int[] budget)
    {
        foreach (var name in type.MemberNames)
        {
            if (NativeApiTable.IsWakeName(name) && type.GetMembers(name).Any(m => m is IMethodSymbol method && probe.Classify(method).IsApi))
            {
                return true;
            }
        }

        // A P/Invoke renamed by its entry point: the externs of classes, within the budget.
        if (type.TypeKind != TypeKind.Class)
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            if (--budget[0] < 0)
            {
                return false;
            }

            if (member is IMethodSymbol { IsExtern: true } method && method.GetDllImportData()?.EntryPointName is { } entryPoint
                && NativeApiTable.IsWakeName(entryPoint) && probe.Classify(method).IsApi)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The names by which this compilation's code can call an API that starts a flow (<see cref="ApiKinds.StartsFlow"/>),
    /// as far as the table and the references tell: the table's entry points (a binding named after its entry point), the
    /// modelled libraries' members, externs of referenced libraries renamed through EntryPoint, and every method of an
    /// assembly that declares or references the contract attributes. Source declarations are the caller's to add (their
    /// syntax says it). A reference too big to read within its budget adds what was read: like the activity check.
    /// </summary>
    public HashSet<string> CallNamesFromMetadata()
    {
        var names = new HashSet<string>(NativeApiTable.NamesOf(ApiKinds.StartsFlow), StringComparer.Ordinal);
        var contractAssemblies = new HashSet<string>(StringComparer.Ordinal);
        if (contractsKnown)
        {
            foreach (var assembly in Compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (MayDeclare(assembly) && DeclaresContracts(assembly))
                {
                    contractAssemblies.Add(assembly.Name);
                }
            }
        }

        foreach (var assembly in Compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (LibraryModels.IsModelled(assembly))
            {
                names.UnionWith(LibraryModels.MemberNames);
                continue;
            }

            var usesContracts = contractAssemblies.Contains(assembly.Name)
                                || (contractAssemblies.Count > 0 && assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => contractAssemblies.Contains(r.Name))));
            if (usesContracts || !KnownTypes.IsFrameworkAssembly(assembly.Name))
            {
                var budget = new[] { usesContracts ? 100000 : 20000 };
                AddCallNames(assembly.GlobalNamespace, names, usesContracts, budget);
            }
        }

        return names;
    }

    private void AddCallNames(INamespaceOrTypeSymbol container, HashSet<string> names, bool everyMethod, int[] budget)
    {
        foreach (var member in container.GetMembers())
        {
            if (--budget[0] < 0)
            {
                return;
            }

            switch (member)
            {
                case INamespaceOrTypeSymbol nested:
                    AddCallNames(nested, names, everyMethod, budget);
                    break;
                case IMethodSymbol method when everyMethod:
                    names.Add(method.Name);
                    break;
                case IMethodSymbol { IsExtern: true } method when method.GetDllImportData()?.EntryPointName is { } entryPoint
                                                                  && NativeApiTable.TryGet(entryPoint, out var entry) && ApiKinds.StartsFlow(entry.Kind):
                    names.Add(method.Name);
                    break;
            }
        }
    }

    /// <summary>What a method is, independent of the call's arguments.</summary>
    public ApiMethod Classify(IMethodSymbol method) => cache.GetOrAdd(method.OriginalDefinition, classifyUncached);

    /// <summary>What a call does: applies the per-call decisions (WSAIoctl code, SetThreadToken's null token).</summary>
    /// <summary>
    /// The status parameter a library's checker tests and throws on failure of (<c>[ChecksResult("status")]</c>), or -1.
    /// Attributes are read only in a compilation that has the contract attributes at all.
    /// </summary>
    public int CheckedParameter(IMethodSymbol method) => contractsKnown ? ContractAttributes.CheckedParameter(method) : -1;

    /// <summary>How this call reports failure: the method's convention, or an exception where a modelled flag says so.</summary>
    public ResultConvention ResultOf(IInvocationOperation invocation, ApiMethod api)
        => LibraryModels.ThrowsAtCall(invocation, api) ? ResultConvention.Throws : api.Result;

    /// <summary>The event kind of a call, classified from its target method (<see cref="KindOf(IInvocationOperation, ApiMethod)"/>).</summary>
    public ApiKind KindOf(IInvocationOperation invocation) => KindOf(invocation, Classify(invocation.TargetMethod));

    public ApiKind KindOf(IInvocationOperation invocation, ApiMethod api)
    {
        switch (api.Kind)
        {
            case ApiKind.Ioctl:
                var code = Arguments.Get(invocation, 1)?.ConstantValue;
                if (code is { HasValue: true, Value: { } v } && Arguments.TryToLong(v, out var value))
                {
                    var asUint = value & 0xFFFFFFFFL;
                    if (asUint == NativeApiTable.SioSetSecurity)
                    {
                        return ApiKind.Secure;
                    }

                    if (asUint == NativeApiTable.SioSetPeerTargetName)
                    {
                        return ApiKind.TargetName;
                    }
                }

                return ApiKind.None;

            case ApiKind.SocketMode:
                // Only FIONBIO changes the blocking mode; other commands (FIONREAD, SIOCATMARK) are no event.
                return api.Argument(invocation, ArgumentRole.Code)?.ConstantValue is { HasValue: true, Value: { } command }
                       && Arguments.TryToLong(command, out var commandValue)
                       && (commandValue & 0xFFFFFFFFL) == NativeApiTable.Fionbio
                    ? ApiKind.SocketMode
                    : ApiKind.None;

            case ApiKind.Secure or ApiKind.TargetName when api.OrdinalOf(ArgumentRole.ThrowOnError) >= 0:
                // A modelled throw_on_error overload: an event only where it throws.
                return LibraryModels.ThrowsAtCall(invocation, api) ? api.Kind : ApiKind.None;

            case ApiKind.ThreadRevert when invocation.TargetMethod.Name.StartsWith("SetThreadToken", System.StringComparison.Ordinal):
                // SetThreadToken(thread, null) ends impersonation; with a real token it starts one we do not model.
                return Arguments.IsNullHandle(Arguments.Get(invocation, 1)) ? ApiKind.ThreadRevert : ApiKind.None;

            default:
                return api.Kind;
        }
    }

    private ApiMethod ClassifyUncached(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.Constructor)
        {
            return KnownTypes.ClassifyManagedConstructor(method);
        }

        var type = method.ContainingType;
        if (type is null)
        {
            return ApiMethod.NotApi;
        }

        var managed = KnownTypes.ClassifyManaged(method);
        if (managed.IsApi)
        {
            return managed;
        }

        // A method that says what it does (the runtime wrapper, an annotated library): its contract, when the compilation
        // has the contract attributes at all.
        if (contractsKnown && ContractAttributes.Classify(method) is { IsApi: true } contract)
        {
            return contract;
        }

        if (LibraryModels.IsModelled(type.ContainingAssembly))
        {
            return LibraryModels.Classify(method);
        }

        // (a) DllImport extern (source or metadata) or LibraryImport partial naming one of the modules.
        string entryPoint;
        string? module;
        var dllImport = method.GetDllImportData();
        if (dllImport is not null)
        {
            entryPoint = dllImport.EntryPointName ?? method.Name;
            module = dllImport.ModuleName;
        }
        else if (TryGetLibraryImport(method, out module, out var libraryEntry))
        {
            entryPoint = libraryEntry ?? method.Name;
        }
        else if (KnownTypes.IsBindingType(type))
        {
            // (b) a known binding type matched by full name: the module is implied.
            entryPoint = method.Name;
            module = null;
        }
        else
        {
            return ApiMethod.NotApi;
        }

        if (!NativeApiTable.TryGet(entryPoint, out var entry))
        {
            return ApiMethod.NotApi;
        }

        if (module is not null && !NativeApiTable.ModuleMatches(module, entry.Module))
        {
            return ApiMethod.NotApi;
        }

        if (entry.SocketSlot >= 0 && entry.SocketSlot >= method.Parameters.Length)
        {
            return ApiMethod.NotApi;
        }

        // A binding that declares fewer parameters (an overload, a trimmed signature) has only the roles it declares.
        var roles = entry.Roles.RemoveAll(r => r.Ordinal >= method.Parameters.Length);
        return new ApiMethod(entry.Kind, entry.SocketSlot, roles, ResultConventions.Of(method.ReturnType), isNative: true);
    }

    private static bool TryGetLibraryImport(IMethodSymbol method, out string? module, out string? entryPoint)
    {
        module = null;
        entryPoint = null;
        if (!method.IsPartialDefinition && method.PartialDefinitionPart is null && method.PartialImplementationPart is null)
        {
            return false;
        }

        var attributes = method.GetAttributes();
        if (method.PartialImplementationPart is { } impl)
        {
            attributes = attributes.AddRange(impl.GetAttributes());
        }

        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is { Name: "LibraryImportAttribute" } cls
                && KnownTypes.IsInNamespace(cls, "System", "Runtime", "InteropServices"))
            {
                if (attribute.ConstructorArguments.Length > 0)
                {
                    module = attribute.ConstructorArguments[0].Value as string;
                }

                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "EntryPoint")
                    {
                        entryPoint = named.Value.Value as string;
                    }
                }

                return module is not null;
            }
        }

        return false;
    }
}
