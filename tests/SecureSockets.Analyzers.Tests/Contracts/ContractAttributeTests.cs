using System.IO;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Contracts;

/// <summary>
/// Contracts across assemblies: a library declares the attributes as an internal copy (no dependency on this package),
/// annotates its wrappers and is referenced as metadata; each attribute makes a call to the wrapper that event at the call
/// site, for the rules that judge it. An unannotated library stays opaque.
/// </summary>
public class ContractAttributeTests
{
    /// <summary>
    /// The attributes as a library gets them from the package (SecureSocketsContractsSource=true): the shipped internal
    /// source file, compiled into the library.
    /// </summary>
    private static string Declarations => File.ReadAllText(Path.Combine(AnalyzerRunner.RepositoryRoot(), "build", "SecureSockets.Contracts.cs"));

    /// <summary>A company's SSPI/Winsock helper library, annotated; its bodies are what the attributes promise.</summary>
    private const string AnnotatedLibrary = """
        namespace Contoso.Security
        {
            using SecureSockets.Contracts;

            public sealed class ImpersonationScope : IDisposable
            {
                [RevertsImpersonation] public void Dispose() { }
            }

            public static class Net
            {
                [CreatesSocket] public static IntPtr Open() => IntPtr.Zero;
                [AcceptsSocket] public static IntPtr AcceptFrom(IntPtr listener) => IntPtr.Zero;
                [SecuresSocket("socket")] public static void Secure(IntPtr socket) { }
                [SetsPeerTargetName("socket")] public static void Name(IntPtr socket, string spn) { }
                [ConnectsSocket("socket")] public static void Connect(IntPtr socket, string host) { }
                [BindsSocket("socket")] public static void Bind(IntPtr socket, int port) { }
                [ListensOnSocket("socket")] public static void Listen(IntPtr socket) { }
                [ImpersonatesSocketPeer("socket")] public static int ImpersonatePeer(IntPtr socket) => 0;
                [RevertsImpersonation] public static int RevertPeer() => 0;
                [BeginsImpersonation(ImpersonationKind.SecurityContext)] public static ImpersonationScope BeginClient(object context) => new ImpersonationScope();
                [BeginsImpersonation(ImpersonationKind.SecurityContext)] public static void ImpersonateOrThrow(object context) { }
                [RevertsImpersonation] public static void RevertContext() { }
                [ChecksResult("status")] public static void Check(int status) { }
            }
        }
        """;

    private const string UnannotatedLibrary = """
        namespace Fabrikam.Net
        {
            public static class Net
            {
                public static IntPtr Open() => IntPtr.Zero;
                public static void Secure(IntPtr socket) { }
                public static void Connect(IntPtr socket, string host) { }
                public static int ImpersonatePeer(IntPtr socket) => 0;
                public static void Work() { }
            }
        }
        """;

    private static readonly MetadataReference Annotated = Library("Contoso.Security", AnnotatedLibrary, withContracts: true);
    private static readonly MetadataReference Unannotated = Library("Fabrikam.Net", UnannotatedLibrary);

    private static MetadataReference Library(string name, string source, bool withContracts = false)
    {
        var compilation = CSharpCompilation.Create(
            name,
            withContracts
                ? new[] { CSharpSyntaxTree.ParseText(TestSetup.GlobalUsings + "\n" + source), CSharpSyntaxTree.ParseText(Declarations) }
                : new[] { CSharpSyntaxTree.ParseText(TestSetup.GlobalUsings + "\n" + source) },
            AnalyzerRunner.CompileAsync(System.Array.Empty<(string, string)>()).Result.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static Task Verify(string body, MetadataReference library) => Verify<AllRules>.AnalyzerAsync($$"""
        using Contoso.Security;
        class C
        {
            static void Work() { }

            async Task M(object context, IntPtr given)
            {
        {{body}}
            }
        }
        """, System.Array.Empty<string>(), new[] { library });

    [Fact]
    public Task SecuresSocket_and_ConnectsSocket_order_SSX001() => Verify("""
                var s = Net.Open();
                Net.Connect(s, "server");
                {|SSX001:Net.Secure(s)|};
        """, Annotated);

    /// <summary>Only Microsoft's signing keys mark an assembly the activity check does not read; a framework-like name does not.</summary>
    [Fact]
    public Task Contracts_of_an_unsigned_library_named_like_the_framework_are_read() => Verify("""
                var s = Net.Open();
                Net.Connect(s, "server");
                {|SSX001:Net.Secure(s)|};
        """, Library("System.Contoso.Security", AnnotatedLibrary, withContracts: true));

    [Fact]
    public Task SetsPeerTargetName_after_ConnectsSocket_SSX006() => Verify("""
                var s = Net.Open();
                Net.Secure(s);
                Net.Connect(s, "server");
                {|SSX006:Net.Name(s, "host/server")|};
        """, Annotated);

    [Fact]
    public Task BindsSocket_ListensOnSocket_and_AcceptsSocket_SSX001() => Verify("""
                var l = Net.Open();
                Net.Bind(l, 445);
                Net.Listen(l);
                var c = Net.AcceptFrom(l);
                {|SSX001:Net.Secure(c)|};
        """, Annotated);

    [Fact]
    public Task ImpersonatesSocketPeer_status_discarded_SSX005_and_revert_status_dropped_SSX016() => Verify("""
                var c = Net.AcceptFrom(given);
                {|SSX005:Net.ImpersonatePeer(c)|};
                try { Work(); } finally { {|SSX016:Net.RevertPeer()|}; }
        """, Annotated);

    [Fact]
    public Task BeginsImpersonation_owner_not_disposed_on_every_path_SSX004_and_await_inside_SSX008() => Verify("""
                var scope = {|SSX004:Net.BeginClient(context)|};
                Work();
                scope.Dispose();
                using (Net.BeginClient(context))
                {
                    {|SSX008:await|} Task.Yield();
                }
        """, Annotated);

    [Fact]
    public Task Void_begin_throws_on_failure_and_RevertsImpersonation_in_finally_is_clean() => Verify("""
                Net.ImpersonateOrThrow(context);
                try { Work(); } finally { Net.RevertContext(); }
                using (Net.BeginClient(context)) { Work(); }
        """, Annotated);

    [Fact]
    public Task ChecksResult_is_a_test_that_throws_on_failure() => Verify("""
                var c = Net.AcceptFrom(given);
                var status = Net.ImpersonatePeer(c);
                Net.Check(status);
                try { Work(); } finally { if (Net.RevertPeer() != 0) Environment.FailFast("revert"); }
        """, Annotated);

    [Fact]
    public Task An_unannotated_library_stays_opaque() => Verify<AllRules>.AnalyzerAsync("""
        using Fabrikam.Net;
        class C
        {
            void M()
            {
                var s = Net.Open();
                Net.Connect(s, "server");
                Net.Secure(s);
                Net.ImpersonatePeer(s);
                Net.Work();
            }
        }
        """, System.Array.Empty<string>(), new[] { Unannotated });

    [Fact]
    public Task An_owner_returned_by_ImpersonatesSocketPeer_alone_reverts_at_Dispose_and_a_params_copy_does_not_crash()
    {
        var library = Library("Northwind.Peers", """
            namespace SecureSockets.Contracts
            {
                [AttributeUsage(AttributeTargets.Method)] internal sealed class ImpersonatesSocketPeerAttribute : Attribute { public ImpersonatesSocketPeerAttribute(string parameter) { } }
                [AttributeUsage(AttributeTargets.Method)] internal sealed class SecuresSocketAttribute : Attribute { public SecuresSocketAttribute(params string[] parameters) { } }
                [AttributeUsage(AttributeTargets.Method | AttributeTargets.Property)] internal sealed class CreatesSocketAttribute : Attribute { }
            }

            namespace Northwind.Peers
            {
                using SecureSockets.Contracts;
                public sealed class PeerScope : IDisposable { public void Dispose() { } }
                public static class Peers
                {
                    [CreatesSocket] public static IntPtr OpenBlocking() => IntPtr.Zero;
                    [ImpersonatesSocketPeer("socket")] public static PeerScope Impersonate(IntPtr socket) => new PeerScope();
                    [SecuresSocket("socket")] public static void Secure(IntPtr socket) { }
                }
            }
            """);
        return Verify<AllRules>.AnalyzerAsync("""
            using Northwind.Peers;
            class C
            {
                static void Work() { }

                void M(IntPtr given)
                {
                    var scope = Peers.Impersonate(given);
                    try { Work(); } finally { scope.Dispose(); }
                    Peers.Secure(given);
                    var s = Peers.OpenBlocking();
                    using (Peers.Impersonate(s)) { Work(); }
                }
            }
            """, System.Array.Empty<string>(), new[] { library });
    }
}
