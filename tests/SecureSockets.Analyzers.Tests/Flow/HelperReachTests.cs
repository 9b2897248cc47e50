using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureSockets.Analyzers.Flow;
using SecureSockets.Analyzers.Rules;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Flow;

/// <summary>
/// The pre-filter summarizes a called helper only when it reaches a tracked call within the summary depth (itself, its
/// helpers, theirs): the rest of a project's methods cost a walk, no graph. What reaches is still found at every depth the
/// summaries see, through interface calls on sealed receivers and local functions, and no deeper.
/// </summary>
public class HelperReachTests
{
    private static async Task<(AnalyzerRunner.Result Result, int BodyGraphs, int HelperGraphs)> RunAsync(string source)
    {
        var compilation = await AnalyzerRunner.CompileAsync(new[] { ("Test.cs", source), ("Sspi.cs", SspiBindings.DllImportRefStruct) });
        var probe = new CompilationProbe();
        var result = await AnalyzerRunner.AnalyzeAsync(compilation, probe);
        var analysis = CompilationAnalysis.For(probe.Seen!)!;
        return (result, BodyFlows.For(analysis).GraphsBuilt, analysis.Summaries.GraphsBuilt);
    }

    [Fact]
    public async Task Helpers_that_reach_no_tracked_call_get_no_summary_graph()
    {
        // Wrapper-library code: every method calls others of the project and a throwing status checker, none a tracked API.
        const string source = """
            class Native
            {
                [DllImport("ntdll.dll")] public static extern int NtQuery(IntPtr h, int c, out int v);
            }

            static class Status
            {
                public static int Check(int status) { if (status < 0) throw new InvalidOperationException(); return status; }
            }

            sealed class Wrapper
            {
                private IntPtr handle;
                public int Query(int c) { Status.Check(Native.NtQuery(handle, c, out var v)); return Normalize(v); }
                public bool TryQuery(int c, out int v) { try { v = Query(c); return true; } catch (InvalidOperationException) { v = 0; return false; } }
                private int Normalize(int v) => Clamp(v) + 1;
                private static int Clamp(int v) => v < 0 ? 0 : v;
            }

            class Service
            {
                public int Report(Wrapper w) => w.TryQuery(1, out var a) && w.TryQuery(2, out var b) ? a + b : w.Query(3);
            }
            """;
        var (result, bodyGraphs, helperGraphs) = await RunAsync(source);
        Assert.Empty(result.Ssx);
        Assert.Equal(0, bodyGraphs);
        Assert.Equal(0, helperGraphs);
    }

    [Theory]
    [InlineData("Begin(ref h);", 1)]
    [InlineData("Level1(ref h);", 2)]
    [InlineData("Level2(ref h);", 3)]
    public async Task A_begin_helper_up_to_three_levels_deep_makes_the_caller_analyzed(string call, int levels)
    {
        var source = $$"""
            class C
            {
                static void Work() { }
                static int Begin(ref SecHandle h) => Sspi.ImpersonateSecurityContext(ref h);
                static int Level1(ref SecHandle h) => Begin(ref h);
                static int Level2(ref SecHandle h) => Level1(ref h);
                static int Level3(ref SecHandle h) => Level2(ref h);

                void Serve(ref SecHandle h)
                {
                    if ({{call.TrimEnd(';')}} != 0) return;
                    Work();
                }
            }
            """;
        var (result, bodyGraphs, _) = await RunAsync(source);
        Assert.Contains(result.Ssx, d => d.Id == "SSX004" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).StartsWith(call.Substring(0, call.IndexOf('(')), System.StringComparison.Ordinal));
        Assert.True(bodyGraphs >= 1, $"{levels} level(s): the caller got no graph");
    }

    /// <summary>
    /// A helper summarized at several depths (called directly and through another helper) and with different constant
    /// flags is bound and given a graph once: the summaries differ, the graph they run over does not.
    /// </summary>
    [Fact]
    public async Task A_helper_summarized_at_several_depths_and_flags_gets_one_graph()
    {
        const string source = """
            class C
            {
                static void Work() { }
                static int Begin(ref SecHandle h) => Sspi.ImpersonateSecurityContext(ref h);
                static int Level1(ref SecHandle h) => Begin(ref h);
                static int Check(int status, bool throwOnError = true) { if (throwOnError && status != 0) throw new InvalidOperationException(); return status; }

                void Direct(ref SecHandle h)
                {
                    if (Begin(ref h) != 0) return;
                    Work();
                }

                void ThroughOne(ref SecHandle h)
                {
                    if (Level1(ref h) != 0) return;
                    Work();
                }

                void Checked(ref SecHandle h)
                {
                    Check(Sspi.ImpersonateSecurityContext(ref h));
                    Check(0, throwOnError: false);
                    Sspi.RevertSecurityContext(ref h);
                }
            }
            """;
        var (result, _, helperGraphs) = await RunAsync(source);
        Assert.Contains(result.Ssx, d => d.Id == "SSX004" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).StartsWith("Begin", System.StringComparison.Ordinal));
        Assert.Contains(result.Ssx, d => d.Id == "SSX004" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).StartsWith("Level1", System.StringComparison.Ordinal));
        Assert.Equal(3, helperGraphs); // Begin, Level1, Check
    }

    [Fact]
    public async Task A_begin_four_levels_deep_is_beyond_the_summaries_and_the_caller_is_not_analyzed()
    {
        const string source = """
            class C
            {
                static void Work() { }
                static int Begin(ref SecHandle h) => Sspi.ImpersonateSecurityContext(ref h);
                static int Level1(ref SecHandle h) => Begin(ref h);
                static int Level2(ref SecHandle h) => Level1(ref h);
                static int Level3(ref SecHandle h) => Level2(ref h);

                void Serve(ref SecHandle h)
                {
                    if (Level3(ref h) != 0) return;
                    Work();
                }
            }
            """;
        var (result, _, _) = await RunAsync(source);
        Assert.DoesNotContain(result.Ssx, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).StartsWith("Level3", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sealed class")]
    [InlineData("struct")]
    public async Task An_interface_call_on_a_sealed_receiver_reaches_through_its_implementation(string kind)
    {
        var source = $$"""
            interface IImpersonator { int Begin(ref SecHandle h); }

            {{kind}} SspiImpersonator : IImpersonator
            {
                public int Begin(ref SecHandle h) => Sspi.ImpersonateSecurityContext(ref h);
            }

            class C
            {
                static void Work() { }
                static int Start(SspiImpersonator i, ref SecHandle h) => ((IImpersonator)i).Begin(ref h);

                void Serve(SspiImpersonator i, ref SecHandle h)
                {
                    if (Start(i, ref h) != 0) return;
                    Work();
                }
            }
            """;
        var (result, _, _) = await RunAsync(source);
        Assert.Contains(result.Ssx, d => d.Id == "SSX004" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).StartsWith("Start", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_helper_whose_local_function_begins_reaches()
    {
        const string source = """
            class C
            {
                static void Work() { }

                static int Start(ref SecHandle h)
                {
                    return Inner(ref h);

                    static int Inner(ref SecHandle x) => Sspi.ImpersonateSecurityContext(ref x);
                }

                void Serve(ref SecHandle h)
                {
                    if (Start(ref h) != 0) return;
                    Work();
                }
            }
            """;
        var (result, _, _) = await RunAsync(source);
        Assert.Contains(result.Ssx, d => d.Id == "SSX004" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).StartsWith("Start", System.StringComparison.Ordinal));
    }
}
