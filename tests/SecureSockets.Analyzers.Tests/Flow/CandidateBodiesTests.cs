using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Flow;

/// <summary>
/// The name index decides which bodies get the pre-filter's walk: a body that invokes no name of a tracked API and no name
/// of a helper reaching one (up to the summaries' depth) costs a lookup. Names over-approximate: renamed bindings, annotated
/// methods, calls no name shows (collection initializers, query clauses) keep their bodies candidates, and what is found
/// through them is still reported.
/// </summary>
public class CandidateBodiesTests
{
    private static async Task<(Compilation Compilation, CandidateBodies Index)> IndexAsync(params (string Path, string Text)[] sources)
    {
        var compilation = await AnalyzerRunner.CompileAsync(sources.Append(("Sspi.cs", SspiBindings.DllImportRefStruct)));
        var analysis = CompilationAnalysis.For(compilation);
        Assert.NotNull(analysis);
        return (compilation, analysis!.Candidates(CancellationToken.None));
    }

    private static bool IsCandidate(Compilation compilation, CandidateBodies index, string method)
    {
        var declaration = compilation.SyntaxTrees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            .Single(m => m.Identifier.ValueText == method);
        return index.IsCandidate(declaration);
    }

    private const string Layers = """
        static class Helpers
        {
            public static int Begin(ref SecHandle h) => Sspi.ImpersonateSecurityContext(ref h);
            public static int Level2(ref SecHandle h) => Begin(ref h);
            public static int Level3(ref SecHandle h) => Level2(ref h);
            public static int Level4(ref SecHandle h) => Level3(ref h);
        }
        """;

    private const string Callers = """
        class Callers
        {
            void CallsLevel3(ref SecHandle h) { Helpers.Level3(ref h); }
            void CallsLevel4(ref SecHandle h) { Helpers.Level4(ref h); }
            int Unrelated(string s) => s.Trim().Length + Compute(s.Length);
            static int Compute(int n) => n * 2;
        }
        """;

    [Fact]
    public async Task Bodies_calling_a_tracked_api_or_a_reaching_helper_are_candidates_and_no_others()
    {
        var (compilation, index) = await IndexAsync(("Helpers.cs", Layers), ("Callers.cs", Callers), ("Business.cs", "class Business { int Total(int[] xs) => xs.Sum(); }"));
        Assert.True(IsCandidate(compilation, index, "Begin"));
        Assert.True(IsCandidate(compilation, index, "Level3"));
        Assert.True(IsCandidate(compilation, index, "CallsLevel3"));
        Assert.False(IsCandidate(compilation, index, "CallsLevel4"));
        Assert.False(IsCandidate(compilation, index, "Unrelated"));
        Assert.False(IsCandidate(compilation, index, "Total"));
    }

    [Theory]
    [InlineData("\"WSAImpersonateSocketPeer\"", true)]
    [InlineData("\"NtQueryObject\"", false)]
    [InlineData("Names.Peer", true)]
    [InlineData("nameof(Names.Peer)", true)]
    public async Task A_binding_renamed_through_EntryPoint_is_a_tracked_name_unless_its_literal_names_no_tracked_api(string entryPoint, bool tracked)
    {
        var source = $$"""
            static class Names { public const string Peer = "WSAImpersonateSocketPeer"; }

            static class Renamed
            {
                [DllImport("fwpuclnt.dll", EntryPoint = {{entryPoint}})]
                public static extern int BeginPeer(IntPtr socket, IntPtr address, int length);
            }

            class Server
            {
                void Serve(IntPtr s) { Renamed.BeginPeer(s, IntPtr.Zero, 0); }
            }
            """;
        var (compilation, index) = await IndexAsync(("Server.cs", source));
        Assert.Equal(tracked, IsCandidate(compilation, index, "Serve"));
    }

    [Fact]
    public async Task A_method_named_like_a_tracked_api_keeps_its_callers_candidates_and_they_stay_silent()
    {
        const string source = """
            class Audit
            {
                public int ImpersonateSecurityContext(string user) => user.Length;
                int Log(string user) => ImpersonateSecurityContext(user);
            }
            """;
        var (compilation, index) = await IndexAsync(("Audit.cs", source));
        Assert.True(IsCandidate(compilation, index, "Log"));
        var result = await AnalyzerRunner.AnalyzeAsync(compilation);
        Assert.Empty(result.Ssx);
    }

    [Fact]
    public async Task A_helper_called_by_a_collection_initializer_or_a_query_clause_is_seen_through()
    {
        const string source = """
            using System.Collections;
            using System.Collections.Generic;

            sealed class Sessions : IEnumerable<int>
            {
                public void Add(SecHandle h) { Sspi.ImpersonateSecurityContext(ref h); }
                public IEnumerator<int> GetEnumerator() { yield break; }
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            static class Impersonating
            {
                public static IEnumerable<int> Select(this IEnumerable<int> source, System.Func<int, int> f) { var h = default(SecHandle); Sspi.ImpersonateSecurityContext(ref h); return source; }
            }

            class Server
            {
                Sessions Open(SecHandle h) => new Sessions { h };
                IEnumerable<int> Query(IEnumerable<int> xs) => from x in xs select x + 1;
            }
            """;
        var (compilation, index) = await IndexAsync(("Server.cs", source));
        Assert.True(IsCandidate(compilation, index, "Open"));
        Assert.True(IsCandidate(compilation, index, "Query"));
    }

    [Fact]
    public async Task An_annotated_method_of_any_name_is_a_tracked_name()
    {
        const string source = """
            namespace SecureSockets.Contracts
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                sealed class BeginsImpersonationAttribute : System.Attribute { public BeginsImpersonationAttribute(int kind) { } }
            }

            static class Security
            {
                [SecureSockets.Contracts.BeginsImpersonation(1)]
                public static int Enter(ref SecHandle h) => 0;
            }

            class Server
            {
                static void Work() { }
                void Serve(ref SecHandle h) { if (Security.Enter(ref h) != 0) return; Work(); }
            }
            """;
        var (compilation, index) = await IndexAsync(("Server.cs", source));
        Assert.True(IsCandidate(compilation, index, "Serve"));
        var result = await AnalyzerRunner.AnalyzeAsync(compilation);
        Assert.Contains(result.Ssx, d => d.Id == "SSX004");
    }

    // Constructors are called through initializers, written or implicit, never by name: one that reaches makes the
    // constructors that may call it candidates, found through the files that name its type.
    private const string SecuringBase = """
        class SecureConnection
        {
            protected SecureConnection(IntPtr s) { Helpers.Begin(ref Handles.Context); }
            protected SecureConnection() { Helpers.Begin(ref Handles.Context); }
        }

        static class Handles { public static SecHandle Context; }
        """;

    [Theory]
    [InlineData("class Derived : SecureConnection { public Derived(IntPtr s) : base(s) { Work(); } static void Work() { } }")]
    [InlineData("class Derived : SecureConnection { public Derived() { Work(); } static void Work() { } }")]
    [InlineData("class Derived(IntPtr s) : SecureConnection(s) { static void Work() { } }")]
    public async Task A_constructor_that_reaches_keeps_the_constructors_calling_it_candidates(string derived)
    {
        var (compilation, index) = await IndexAsync(("Helpers.cs", Layers), ("Base.cs", SecuringBase), ("Derived.cs", derived));
        var owner = compilation.SyntaxTrees.Single(t => t.FilePath == "Derived.cs").GetRoot().DescendantNodes()
            .First(n => n is ConstructorDeclarationSyntax || (n is TypeDeclarationSyntax { ParameterList: not null }));
        Assert.True(index.IsCandidate(owner));
    }

    [Fact]
    public async Task An_alias_of_a_contract_attribute_and_an_annotated_local_function_are_seen()
    {
        const string contracts = """
            namespace SecureSockets.Contracts
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                sealed class BeginsImpersonationAttribute : System.Attribute { public BeginsImpersonationAttribute(int kind) { } }
            }
            """;
        const string aliased = """
            using Enters = SecureSockets.Contracts.BeginsImpersonationAttribute;

            static class Security
            {
                [Enters(1)]
                public static int Open(ref SecHandle h) => 0;
            }

            class Server
            {
                static void Work() { }
                void Serve(ref SecHandle h) { if (Security.Open(ref h) != 0) return; Work(); }

                void Local(ref SecHandle h)
                {
                    if (Enter(ref h) != 0) return;
                    Work();

                    [SecureSockets.Contracts.BeginsImpersonation(1)]
                    static int Enter(ref SecHandle x) => 0;
                }
            }
            """;
        var (compilation, index) = await IndexAsync(("Contracts.cs", contracts), ("Server.cs", aliased));
        Assert.True(IsCandidate(compilation, index, "Serve"));
        Assert.True(IsCandidate(compilation, index, "Local"));
    }

    [Theory]
    [InlineData("[System.CodeDom.Compiler.GeneratedCode(\"tool\", \"1\")]", "")]
    [InlineData("", "[System.CodeDom.Compiler.GeneratedCode(\"tool\", \"1\")]")]
    public async Task Code_marked_generated_is_not_reported_and_the_same_code_unmarked_is(string onType, string onMethod)
    {
        string Source(string typeAttribute, string methodAttribute) => $$"""
            {{typeAttribute}}
            class Server
            {
                static void Work() { }

                {{methodAttribute}}
                void Serve(ref SecHandle h) { if (Sspi.ImpersonateSecurityContext(ref h) != 0) return; Work(); }
            }
            """;
        var marked = await AnalyzerRunner.RunAsync(new[] { ("Server.cs", Source(onType, onMethod)), ("Sspi.cs", SspiBindings.DllImportRefStruct) });
        var unmarked = await AnalyzerRunner.RunAsync(new[] { ("Server.cs", Source("", "")), ("Sspi.cs", SspiBindings.DllImportRefStruct) });
        Assert.DoesNotContain(marked.Ssx, d => d.Location.SourceTree!.FilePath == "Server.cs");
        Assert.Contains(unmarked.Ssx, d => d.Id == "SSX004" && d.Location.SourceTree!.FilePath == "Server.cs");
    }

    [Fact]
    public async Task A_partial_type_marked_generated_in_its_other_part_is_generated_code_too()
    {
        const string handWritten = """
            partial class Server
            {
                static void Work() { }
                void Serve(ref SecHandle h) { if (Sspi.ImpersonateSecurityContext(ref h) != 0) return; Work(); }
            }
            """;
        const string generatedPart = """
            [System.CodeDom.Compiler.GeneratedCode("tool", "1")]
            partial class Server { }
            """;
        var marked = await AnalyzerRunner.RunAsync(new[] { ("Server.cs", handWritten), ("Server.Part.cs", generatedPart), ("Sspi.cs", SspiBindings.DllImportRefStruct) });
        var unmarked = await AnalyzerRunner.RunAsync(new[] { ("Server.cs", handWritten), ("Server.Part.cs", "partial class Server { }"), ("Sspi.cs", SspiBindings.DllImportRefStruct) });
        Assert.DoesNotContain(marked.Ssx, d => d.Location.SourceTree!.FilePath == "Server.cs");
        Assert.Contains(unmarked.Ssx, d => d.Id == "SSX004" && d.Location.SourceTree!.FilePath == "Server.cs");
    }
}
