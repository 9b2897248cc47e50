using System.Threading.Tasks;
using SecureSockets.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SecureSockets.Analyzers.Tests.Options;

/// <summary>
/// The <c>securesockets.</c> options (docs/options.md): summary depth and the methods a project names as result checks,
/// reverts and begins of impersonation, by documentation-comment ID or by <c>Type.Method</c>. Malformed values are
/// ignored without an exception (the analyzer then behaves as with no option).
/// </summary>
public class AnalysisOptionsTests
{
    private static Task Verify(string source, string? config, string onlyRule)
        => Verify<AllRules>.AnalyzerAsync(source, new[] { SspiBindings.DllImportRefStruct }, metadataReferences: null, onlyRule: onlyRule, librarySources: null, globalConfig: config);

    // A library the project cannot annotate, seen as opaque (abstract: no body to summarize).
    private const string Vendor = """
        public abstract class Vendor
        {
            public abstract void Undo();
            public abstract int Begin(ref SecHandle h);
            public abstract void Ensure(int status);
        }
        """;

    private const string RevertThroughVendor = """
        class C
        {
            static void Work() { }

            void M(ref SecHandle h, Vendor vendor)
            {
                if ({|#0:Sspi.ImpersonateSecurityContext(ref h)|} != 0) return;
                try { Work(); } finally { vendor.Undo(); }
            }
        }
        """ + Vendor;

    [Fact]
    public Task Without_the_option_an_opaque_revert_named_otherwise_leaves_the_impersonation_unreverted()
        => Verify(RevertThroughVendor.Replace("{|#0:", "{|SSX004:").Replace("|} != 0", "|} != 0"), config: null, "SSX004");

    [Theory]
    [InlineData("securesockets.revert_methods = Vendor.Undo")]
    [InlineData("securesockets.revert_methods = M:Vendor.Undo")]
    [InlineData("securesockets.revert_methods = Other.Thing | Vendor.Undo")]
    public Task A_revert_method_named_by_the_options_reverts(string config)
        => Verify(RevertThroughVendor.Replace("{|#0:", string.Empty).Replace("|} != 0", " != 0"), config, "SSX004");

    [Fact]
    public Task A_begin_method_named_by_the_options_is_an_impersonate_event() => Verify("""
        class C
        {
            static void Work() { }

            void M(ref SecHandle h, Vendor vendor)
            {
                {|SSX005:vendor.Begin(ref h)|};
                try { Work(); } finally { if (Sspi.RevertSecurityContext(ref h) != 0) Environment.FailFast("revert"); }
            }
        }
        """ + Vendor, "securesockets.context_begin_methods = M:Vendor.Begin(SecHandle@)", "SSX005");

    [Theory]
    [InlineData("Vendor.Ensure", true)]
    [InlineData("M:Vendor.Ensure(System.Int32)", true)]
    [InlineData("M:Vendor.Ensure(System.String)", false)]
    [InlineData("Other.Ensure", false)]
    public async Task Result_check_methods_match_by_documentation_id_or_type_and_name(string configured, bool matches)
    {
        var compilation = await AnalyzerRunner.CompileAsync(new[] { ("Vendor.cs", SspiBindings.DllImportRefStruct + Vendor) });
        var ensure = (Microsoft.CodeAnalysis.IMethodSymbol)compilation.GetTypeByMetadataName("Vendor")!.GetMembers("Ensure")[0];
        var options = SecureSockets.Analyzers.Catalog.AnalysisOptions.Read(key => key == "securesockets.result_check_methods" ? configured : null);
        Assert.Equal(matches, options.IsResultCheck(ensure));
    }

    [Theory]
    [InlineData("M:Vendor.Begin(SecHandle@)")]
    [InlineData("Vendor.Begin")]
    public async Task Begin_methods_match_a_ref_overload_by_documentation_id(string configured)
    {
        var compilation = await AnalyzerRunner.CompileAsync(new[] { ("Vendor.cs", SspiBindings.DllImportRefStruct + Vendor) });
        var begin = (Microsoft.CodeAnalysis.IMethodSymbol)compilation.GetTypeByMetadataName("Vendor")!.GetMembers("Begin")[0];
        var options = SecureSockets.Analyzers.Catalog.AnalysisOptions.Read(key => key == "securesockets.context_begin_methods" ? configured : null);
        Assert.Equal(SecureSockets.Analyzers.Catalog.ApiKind.SspiImpersonate, options.BeginOf(begin));
    }

    [Fact]
    public Task Summary_depth_0_turns_summaries_off() => Verify("""
        class C
        {
            static void Work() { }

            void M(ref SecHandle h)
            {
                Begin(ref h);
                Work();
            }

            static void Begin(ref SecHandle h)
            {
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) throw new InvalidOperationException();
            }
        }
        """, "securesockets.summary_depth = 0", "SSX004");

    [Fact]
    public Task With_the_default_depth_the_same_begin_helper_is_judged_at_its_call() => Verify("""
        class C
        {
            static void Work() { }

            void M(ref SecHandle h)
            {
                {|SSX004:Begin(ref h)|};
                Work();
            }

            static void Begin(ref SecHandle h)
            {
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) throw new InvalidOperationException();
            }
        }
        """, config: null, "SSX004");

    [Theory]
    [InlineData("securesockets.summary_depth = deep")]
    [InlineData("securesockets.summary_depth = -1")]
    [InlineData("securesockets.summary_depth = 99")]
    [InlineData("securesockets.revert_methods = ,, | ,")]
    [InlineData("securesockets.context_begin_methods = M:")]
    public Task Malformed_values_are_ignored(string config) => Verify("""
        class C
        {
            static void Work() { }

            void M(ref SecHandle h)
            {
                {|SSX004:Begin(ref h)|};
                Work();
            }

            static void Begin(ref SecHandle h)
            {
                if (Sspi.ImpersonateSecurityContext(ref h) != 0) throw new InvalidOperationException();
            }
        }
        """, config, "SSX004");
}
