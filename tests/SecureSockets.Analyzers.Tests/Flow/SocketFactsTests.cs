using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Model;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Flow;

/// <summary>
/// The socket facts the "on every path" rules read: events on some path (may) and on every path (must), the creations a
/// socket may come from with their constant family, type and flags, unseen provenance (parameters, Precision 8),
/// accepted sockets inheriting their listener's creations, and factories of the compilation carrying all of it to the
/// call site through their summaries.
/// </summary>
public class SocketFactsTests
{
    private const string Helpers = """
        static class Factory
        {
            public static IntPtr Overlapped() => Native.WSASocketW(2, 1, 6, IntPtr.Zero, 0, 0x01);

            public static IntPtr Connected()
            {
                var s = Native.socket(2, 1, 6);
                if (s == IntPtr.Zero) return IntPtr.Zero;
                Native.connect(s, IntPtr.Zero, 16);
                return s;
            }

            public static IntPtr Passed(IntPtr s) => s;
        }
        """;

    /// <summary>The facts of local <paramref name="local"/> at M's normal exits, joined.</summary>
    private static async Task<SocketFacts> FactsAtExit(string body, string local)
    {
        var source = $$"""
            class C
            {
                static bool Cond() => true;

                void M(IntPtr p, IntPtr listener)
                {
            {{body}}
                }
            }
            """;
        var compilation = await AnalyzerRunner.CompileAsync(new[] { ("Test.cs", source), ("Native.cs", Bindings.DllImport), ("Helpers.cs", Helpers) });
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var tree = compilation.SyntaxTrees.First();
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().First(m => m.Identifier.Text == "M");
        var model = compilation.GetSemanticModel(tree);
        var symbol = (IMethodSymbol)model.GetDeclaredSymbol(method)!;
        var cfg = ControlFlowGraph.Create(method, model)!;
        var observer = new Exits();
        new FlowEngine(cfg, CompilationAnalysis.For(compilation)!, observer, trackExceptionalExits: false).Run();
        var declarator = method.DescendantNodes().OfType<VariableDeclaratorSyntax>().FirstOrDefault(v => v.Identifier.Text == local);
        var location = declarator is not null ? model.GetDeclaredSymbol(declarator)! : symbol.Parameters.First(p => p.Name == local);
        return observer.States.Select(s => s.SocketOf(location)).Aggregate((a, b) => a.Union(b));
    }

    private sealed class Exits : FlowObserver
    {
        public List<PathState> States { get; } = new();

        public override void OnExit(FlowEngine engine, PathState state, bool exceptional) => States.Add(state);
    }

    [Fact]
    public async Task Connect_on_one_branch_is_may_not_must()
    {
        var facts = await FactsAtExit("""
                    var s = Native.socket(2, 1, 6);
                    if (Cond()) Native.connect(s, IntPtr.Zero, 16);
            """, "s");
        Assert.True(facts.Has(SocketEvents.Connected));
        Assert.False(facts.HasOnEveryPath(SocketEvents.Connected));
    }

    [Fact]
    public async Task Connect_on_both_branches_is_must()
    {
        var facts = await FactsAtExit("""
                    var s = Native.socket(2, 1, 6);
                    if (Cond()) Native.connect(s, IntPtr.Zero, 16); else Native.WSAConnect(s, IntPtr.Zero, 16, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
            """, "s");
        Assert.True(facts.HasOnEveryPath(SocketEvents.Connected));
    }

    [Fact]
    public async Task Creations_on_different_paths_are_all_kept_with_their_constants()
    {
        var facts = await FactsAtExit("""
                    IntPtr s;
                    if (Cond()) s = Native.socket(23, 2, 17); else s = Native.WSASocketW(2, 1, 6, IntPtr.Zero, 0, 0);
            """, "s");
        Assert.False(facts.UnknownProvenance);
        Assert.Equal(new double?[] { 2, 23 }, facts.Creations.Select(c => c.Family).OrderBy(f => f));
        Assert.True(facts.EveryCreation(c => c.Family is 2 or 23));
        Assert.False(facts.EveryCreation(c => c.Flags == 0));
    }

    [Fact]
    public async Task A_parameter_on_some_path_is_unseen_provenance_Precision_8()
    {
        var facts = await FactsAtExit("""
                    var s = p;
                    if (Cond()) s = Native.socket(2, 1, 6);
            """, "s");
        Assert.True(facts.UnknownProvenance);
        Assert.False(facts.EveryCreation(c => c.Family == 2));
    }

    [Fact]
    public async Task A_managed_socket_is_created_by_dotnet_with_its_enum_arguments()
    {
        var facts = await FactsAtExit("""
                    var s = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            """, "s");
        var creation = Assert.Single(facts.Creations);
        Assert.True(creation.Managed);
        Assert.Equal((23d, 1d, 6d), (creation.Family!.Value, creation.Type!.Value, creation.Protocol!.Value));
    }

    [Fact]
    public async Task An_accepted_socket_has_its_listeners_creation_and_is_accepted_on_every_path()
    {
        var facts = await FactsAtExit("""
                    var l = Native.WSASocketW(2, 1, 6, IntPtr.Zero, 0, 0x01);
                    Native.bind(l, IntPtr.Zero, 16);
                    Native.listen(l, 5);
                    var s = Native.accept(l, IntPtr.Zero, IntPtr.Zero);
            """, "s");
        Assert.True(facts.HasOnEveryPath(SocketEvents.Accepted));
        Assert.False(facts.Has(SocketEvents.Listening));
        Assert.Equal(1d, Assert.Single(facts.Creations).Flags);
    }

    [Fact]
    public async Task Accepted_from_a_parameter_listener_is_unseen_provenance()
    {
        var facts = await FactsAtExit("""
                    var s = Native.accept(listener, IntPtr.Zero, IntPtr.Zero);
            """, "s");
        Assert.True(facts.HasOnEveryPath(SocketEvents.Accepted));
        Assert.True(facts.UnknownProvenance);
    }

    [Fact]
    public async Task A_factory_of_the_compilation_carries_its_creation_to_the_call_site()
    {
        var facts = await FactsAtExit("""
                    var s = Factory.Overlapped();
            """, "s");
        Assert.False(facts.UnknownProvenance);
        Assert.True(facts.EveryCreation(c => c.Flags == 1 && c.Family == 2));
    }

    [Fact]
    public async Task A_factory_carries_its_events_and_ignores_its_failure_return_of_no_socket()
    {
        var facts = await FactsAtExit("""
                    var s = Factory.Connected();
            """, "s");
        Assert.True(facts.HasOnEveryPath(SocketEvents.Connected));
        Assert.False(facts.UnknownProvenance);
    }

    [Fact]
    public async Task A_helper_that_returns_its_parameter_creates_nothing_we_saw()
    {
        var facts = await FactsAtExit("""
                    var s = Factory.Passed(p);
            """, "s");
        Assert.True(facts.UnknownProvenance);
        Assert.Empty(facts.Creations);
    }
}
