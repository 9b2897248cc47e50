using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using SecureSockets.Analyzers.Rules;
using SecureSockets.Analyzers.Tests.Infrastructure;
using SecureSockets.CodeFixes;
using Xunit;

namespace SecureSockets.Analyzers.Tests.CodeFixes;

/// <summary>
/// Diagnostics carry what their fixes need (the reported call's group of status tests, the impersonation region, the
/// impersonate call a revert ends), and the fixes read it: a diagnostic without those facts gets no fix, because no fix
/// derives them again.
/// </summary>
public class FixFactsTests
{
    private const string Class = """
        class C
        {
            static void Work() { }

            void M(ref SecHandle h)
            {
        {{body}}
            }
        }
        """;

    private static string Wrap(string body) => Class.Replace("{{body}}", body);

    [Fact]
    public async Task A_call_tested_in_an_if_and_its_region_up_to_the_straight_line_revert()
    {
        var (diagnostic, spans) = await SingleAsync("SSX004", Wrap("""
                    {|group:if ({|call:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;|}
                    {|first:Work();|}
                    {|last:Work();|}
                    {|revert:Sspi.RevertSecurityContext(ref h);|}
            """));

        Assert.Equal(new TextSpan?[] { spans["call"], spans["group"] }, FixFacts.Spans(diagnostic.Properties[FixFacts.Group]));
        Assert.Equal("InCondition", diagnostic.Properties[FixFacts.Group + ".Shape"]);
        Assert.Equal(FixFacts.True, diagnostic.Properties[FixFacts.Group + ".IsPureCheck"]);
        Assert.Equal(new TextSpan?[] { spans["revert"], spans["first"], spans["last"] }, FixFacts.Spans(diagnostic.Properties[FixFacts.Region]));
    }

    [Fact]
    public async Task A_status_stored_in_a_local_groups_the_tests_that_follow_and_a_region_without_revert_runs_to_the_end()
    {
        var (diagnostic, spans) = await SingleAsync("SSX004", Wrap("""
                    {|statement:var status = {|call:Sspi.ImpersonateSecurityContext(ref h)|};|}
                    {|check:if (status != Sspi.SEC_E_OK) throw new InvalidOperationException();|}
                    {|first:Work();|}
                    {|last:Console.WriteLine(status);|}
            """));

        Assert.Equal(new TextSpan?[] { spans["call"], spans["statement"], spans["check"] }, FixFacts.Spans(diagnostic.Properties[FixFacts.Group]));
        Assert.Equal("StoredInLocal", diagnostic.Properties[FixFacts.Group + ".Shape"]);

        // The local is read after the check: not a pure check (removing the group would lose it).
        Assert.False(diagnostic.Properties.ContainsKey(FixFacts.Group + ".IsPureCheck"));
        Assert.Equal(new TextSpan?[] { null, spans["first"], spans["last"] }, FixFacts.Spans(diagnostic.Properties[FixFacts.Region]));
    }

    [Fact]
    public async Task A_region_that_hands_the_impersonation_on_is_not_described()
    {
        var (diagnostic, _) = await SingleAsync("SSX004", """
            class C
            {
                System.IDisposable? owner;

                void M(ref SecHandle h)
                {
                    if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                    owner = new System.IO.MemoryStream();
                }
            }
            """);

        Assert.True(diagnostic.Properties.ContainsKey(FixFacts.Group));
        Assert.False(diagnostic.Properties.ContainsKey(FixFacts.Region));
    }

    [Fact]
    public async Task A_discarded_revert_carries_the_group_of_the_impersonate_call_it_ends()
    {
        var (diagnostic, spans) = await SingleAsync("SSX016", Wrap("""
                    {|begin:if ({|impersonate:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;|}
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        {|revert:{|call:Sspi.RevertSecurityContext(ref h)|};|}
                    }
            """));

        Assert.Equal(new TextSpan?[] { spans["call"], spans["revert"] }, FixFacts.Spans(diagnostic.Properties[FixFacts.Group]));
        Assert.Equal("Discarded", diagnostic.Properties[FixFacts.Group + ".Shape"]);
        Assert.Equal(new TextSpan?[] { spans["impersonate"], spans["begin"] }, FixFacts.Spans(diagnostic.Properties[FixFacts.BeginGroup]));
    }

    [Fact]
    public async Task Fixes_are_offered_from_the_facts_and_from_nothing_else()
    {
        var source = Wrap("""
                    if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                    Work();
                    Sspi.RevertSecurityContext(ref h);
            """);
        var (document, diagnostics) = await AnalyzeInWorkspaceAsync(source);
        var reported = diagnostics.Single(d => d.Id == "SSX004");
        var provider = new SSX004ContextImpersonationNotRevertedCodeFix();

        Assert.Contains("SSX004.RevertInFinally", await OfferedAsync(provider, document, reported));

        // Without the facts (a diagnostic as another tool might report it): nothing is derived again, no fix.
        Assert.Empty(await OfferedAsync(provider, document, WithProperties(reported, ImmutableDictionary<string, string?>.Empty)));

        // The group without the region: the revert fixes need both.
        var groupOnly = reported.Properties.Where(p => !p.Key.StartsWith(FixFacts.Region, System.StringComparison.Ordinal)).ToImmutableDictionary();
        Assert.DoesNotContain("SSX004.RevertInFinally", await OfferedAsync(provider, document, WithProperties(reported, groupOnly)));
    }

    [Fact]
    public async Task Facts_that_no_longer_fit_the_code_give_no_fix()
    {
        var source = Wrap("""
                    if (Sspi.ImpersonateSecurityContext(ref h) != 0) return;
                    Work();
                    Work();
            """);
        var (document, diagnostics) = await AnalyzeInWorkspaceAsync(source);
        var reported = diagnostics.Single(d => d.Id == "SSX004");
        var provider = new SSX004ContextImpersonationNotRevertedCodeFix();
        Assert.Contains("SSX004.RevertInFinally", await OfferedAsync(provider, document, reported));

        // A region whose first statement is not right after the group (a fact from another version of the code).
        var spans = FixFacts.Spans(reported.Properties[FixFacts.Region]);
        Assert.Null(spans[0]);
        var shifted = reported.Properties.SetItem(FixFacts.Region, $";{spans[2]!.Value.Start},{spans[2]!.Value.Length}");
        Assert.Empty(await OfferedAsync(provider, document, WithProperties(reported, shifted)));

        // A revert the analyzer saw that is no longer there is not "no revert": no fix writes a second one.
        var lostRevert = reported.Properties.SetItem(FixFacts.Region, $"0,1;{spans[1]!.Value.Start},{spans[1]!.Value.Length};{spans[2]!.Value.Start},{spans[2]!.Value.Length}");
        Assert.Empty(await OfferedAsync(provider, document, WithProperties(reported, lostRevert)));

        // A group whose call is not the diagnosed one.
        var group = FixFacts.Spans(reported.Properties[FixFacts.Group]);
        var otherCall = reported.Properties.SetItem(FixFacts.Group, $"{spans[1]!.Value.Start},{spans[1]!.Value.Length - 1};{group[1]!.Value.Start},{group[1]!.Value.Length}");
        Assert.Empty(await OfferedAsync(provider, document, WithProperties(reported, otherCall)));
    }

    private static async Task<(Diagnostic Diagnostic, IReadOnlyDictionary<string, TextSpan> Spans)> SingleAsync(string id, string markup)
    {
        var (result, spans) = await AnalyzerRunner.RunMarkedAsync(markup, SspiBindings.DllImportRefStruct);
        Assert.Empty(result.AnalyzerExceptions);
        var diagnostic = Assert.Single(result.Ssx, d => d.Id == id);
        return (diagnostic, spans.ToDictionary(s => s.Key, s => s.Value.Single()));
    }

    private static async Task<(Document Document, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeInWorkspaceAsync(string source)
    {
        var compilation = await AnalyzerRunner.CompileAsync(new[] { ("Test0.cs", source), ("Bindings0.cs", SspiBindings.DllImportRefStruct) });
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "Analyzed", "Analyzed", LanguageNames.CSharp,
            compilationOptions: compilation.Options, parseOptions: compilation.SyntaxTrees[0].Options, metadataReferences: compilation.References));
        foreach (var tree in compilation.SyntaxTrees)
        {
            project = project.AddDocument(tree.FilePath, await tree.GetTextAsync()).Project;
        }

        var document = project.Documents.Single(d => d.Name == "Test0.cs");
        var result = await AnalyzerRunner.AnalyzeAsync((await project.GetCompilationAsync())!);
        Assert.Empty(result.AnalyzerExceptions);
        return (document, result.Diagnostics);
    }

    private static Diagnostic WithProperties(Diagnostic diagnostic, ImmutableDictionary<string, string?> properties)
        => Diagnostic.Create(diagnostic.Descriptor, diagnostic.Location, diagnostic.AdditionalLocations, properties);

    private static async Task<IReadOnlyList<string?>> OfferedAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions.Select(a => a.EquivalenceKey).ToList();
    }
}
