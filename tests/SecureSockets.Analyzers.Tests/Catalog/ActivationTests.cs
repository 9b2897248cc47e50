using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Catalog;

/// <summary>
/// The analyzer wakes only where a tracked API is declared or referenced: a name that merely looks like one (a property
/// named Impersonating, a P/Invoke the catalog does not track) costs a project nothing past compilation start.
/// </summary>
public class ActivationTests
{
    private const string LookAlikes = """
        public sealed class Session
        {
            public bool Impersonating { get; set; }
            public void ImpersonateClient() { }
            [DllImport("advapi32.dll", SetLastError = true)] public static extern bool ImpersonateLoggedOnUser(IntPtr token);
            [DllImport("kernel32.dll")] public static extern int WSASetSocketSecurity(IntPtr s, IntPtr settings, int length, IntPtr o, IntPtr c);
        }
        """;

    private static async Task<bool> ActiveAsync(string source, params MetadataReference[] references)
        => ApiCatalog.TryCreate(await AnalyzerRunner.CompileAsync(new[] { ("Test.cs", source) }, references)) is not null;

    private static MetadataReference Library(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Library" + (uint)source.GetHashCode(),
            new[] { CSharpSyntaxTree.ParseText(TestSetup.GlobalUsings + "\n" + source) },
            AnalyzerRunner.CompileAsync(System.Array.Empty<(string, string)>()).Result.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    /// <summary>
    /// The activity check does not read the type tables of Microsoft-signed references (the framework declares no binding
    /// type and no contract attribute): they are told by their signing key, not by their names.
    /// </summary>
    [Fact]
    public async Task Framework_references_are_told_by_their_signing_key()
    {
        var compilation = await AnalyzerRunner.CompileAsync(new[] { ("Test.cs", "class C { }") }, new[] { Library("class D { }") });
        var references = compilation.SourceModule.ReferencedAssemblySymbols;
        Assert.True(KnownTypes.IsMicrosoftSigned(references.Single(a => a.Name == "System.Runtime").Identity));
        Assert.False(KnownTypes.IsMicrosoftSigned(references.Single(a => a.Name.StartsWith("Library", System.StringComparison.Ordinal)).Identity));
        Assert.False(KnownTypes.IsMicrosoftSigned(compilation.Assembly.Identity));

        // An identity that carries only a token is told by the token; one with a full key, by the key (a foreign key whose
        // token would be computed is not Microsoft's).
        var msToken = ImmutableArray.Create<byte>(0xb0, 0x3f, 0x5f, 0x7f, 0x11, 0xd5, 0x0a, 0x3a);
        Assert.True(KnownTypes.IsMicrosoftSigned(new AssemblyIdentity("System.Something", publicKeyOrToken: msToken, hasPublicKey: false)));
        Assert.False(KnownTypes.IsMicrosoftSigned(new AssemblyIdentity("System.Something", publicKeyOrToken: ImmutableArray.Create<byte>(1, 2, 3, 4, 5, 6, 7, 8), hasPublicKey: false)));
        var foreignKey = references.Single(a => a.Name == "System.Runtime").Identity.PublicKey.SetItem(40, 0x5a);
        Assert.False(KnownTypes.IsMicrosoftSigned(new AssemblyIdentity("System.Something", publicKeyOrToken: foreignKey, hasPublicKey: true)));
    }

    [Fact]
    public async Task Look_alike_names_in_source_do_not_wake_the_analyzer()
        => Assert.False(await ActiveAsync(LookAlikes));

    [Fact]
    public async Task A_tracked_P_Invoke_in_source_wakes_it()
        => Assert.True(await ActiveAsync(Bindings.DllImport));

    [Fact]
    public async Task Look_alike_names_in_a_referenced_library_do_not_wake_it()
        => Assert.False(await ActiveAsync("class C { }", Library(LookAlikes)));

    [Fact]
    public async Task A_tracked_P_Invoke_in_a_referenced_library_wakes_it()
        => Assert.True(await ActiveAsync("class C { }", Library(SspiBindings.DllImportRefStruct)));

    private const string RenamedOnly = """
        public static class Native
        {
            [DllImport("fwpuclnt", EntryPoint = "WSASetSocketSecurity")] public static extern int SecureSocket(IntPtr s, IntPtr settings, int length, IntPtr o, IntPtr c);
            [DllImport("ws2_32", EntryPoint = "connect")] public static extern int Dial(IntPtr s, IntPtr name, int length);
        }
        """;

    [Fact]
    public async Task Bindings_that_only_rename_by_entry_point_wake_it_Precision_1()
        => Assert.True(await ActiveAsync(RenamedOnly));

    [Fact]
    public async Task Renamed_bindings_in_a_referenced_library_wake_it_Precision_1()
        => Assert.True(await ActiveAsync("class C { }", Library(RenamedOnly)));

    [Fact]
    public async Task An_entry_point_rename_of_an_untracked_API_does_not_wake_it()
        => Assert.False(await ActiveAsync("""
            public static class Native
            {
                [DllImport("advapi32", EntryPoint = "ImpersonateLoggedOnUser")] public static extern bool Become(IntPtr token);
            }
            """));
}
