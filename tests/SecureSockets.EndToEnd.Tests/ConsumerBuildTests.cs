using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SecureSockets.EndToEnd.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SecureSockets.EndToEnd.Tests;

/// <summary>
/// The sample consumer restored from the packed package and built with <c>dotnet build --no-incremental</c>:
/// the marked ids and nothing else, then each analysis mode, an .editorconfig override, bad property values,
/// and the transitive flow through a ProjectReference.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ConsumerBuildTests
{
    private readonly ConsumerWorkspace workspace;

    public ConsumerBuildTests(PackageFixture package, ITestOutputHelper output)
    {
        workspace = package.Workspace(nameof(ConsumerBuildTests));
        workspace.Log = output.WriteLine;
    }

    [Fact]
    public async Task Default_build_reports_exactly_the_ids_marked_in_the_sample()
    {
        var consumer = workspace.CreateSampleConsumer("Default");
        var expected = SampleMarkers.Expected(consumer.SourceFiles);
        Assert.NotEmpty(expected);

        var build = await consumer.BuildAsync();

        Expect.ExitCode(0, build.Command);
        Expect.HealthyBuild(build);
        Expect.SameKeys(expected, build.SsxKeys(), build);
        Assert.All(build.Ssx, d => Assert.Equal(InfoRules.Contains(d.RuleId) ? "note" : "warning", d.Level));
    }

    [Fact]
    public async Task The_newest_compiler_as_host_reports_exactly_the_marked_ids()
    {
        // Users on new SDKs: the same build with Microsoft.Net.Compilers.Toolset 5.12.0's csc (the analyzer targets Roslyn 4.8).
        var consumer = workspace.CreateSampleConsumer(
            "Toolset512",
            extraItems: "<PackageReference Include=\"Microsoft.Net.Compilers.Toolset\" Version=\"5.12.0\" PrivateAssets=\"all\" />");
        var expected = SampleMarkers.Expected(consumer.SourceFiles);

        var build = await consumer.BuildAsync();

        Expect.ExitCode(0, build.Command);
        Expect.HealthyBuild(build);
        Assert.Contains("Microsoft.Net.Compilers.Toolset/5.12.0", File.ReadAllText(Path.Combine(consumer.Directory, "obj", "project.assets.json")), StringComparison.Ordinal);
        Expect.SameKeys(expected, build.SsxKeys(), build);
    }

    /// <summary>Rules whose default severity is info (SARIF level "note").</summary>
    private static readonly string[] InfoRules = { "SSX015", "SSX016" };

    /// <summary>The rules of rule set 1 (the first release's Strict preset).</summary>
    private static readonly string[] RuleSet1 = { "SSX001", "SSX002", "SSX003", "SSX004", "SSX005", "SSX006", "SSX007", "SSX008" };

    [Fact]
    public async Task Strict_pinned_to_rule_set_1_keeps_exactly_the_old_errors()
    {
        // No SecureSocketsRuleSet: rule set 1, what a consumer that adopted Strict with the first release has.
        var consumer = workspace.CreateSampleConsumer("Strict");
        var expected = SampleMarkers.Expected(consumer.SourceFiles);
        Assert.Contains(expected, k => !RuleSet1.Contains(SampleMarkers.RuleOf(k)));

        var build = await consumer.BuildAsync("SecureSocketsAnalysisMode=Strict");

        Expect.Failed(build.Command);
        Expect.HealthyBuild(build);
        Expect.SameKeys(expected.Where(k => RuleSet1.Contains(SampleMarkers.RuleOf(k))), build.SsxKeys("error"), build);

        // The rules added later keep their default severity: updating the package adds no new errors.
        Expect.SameKeys(expected.Where(k => !RuleSet1.Contains(SampleMarkers.RuleOf(k))), build.Ssx.Where(d => d.Level != "error").Select(d => d.Key), build);
        Assert.All(build.Ssx.Where(d => !RuleSet1.Contains(d.RuleId)), d => Assert.Equal(InfoRules.Contains(d.RuleId) ? "note" : "warning", d.Level));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("latest")]
    public async Task Strict_with_rule_set_2_makes_every_marked_id_an_error(string ruleSet)
    {
        var consumer = workspace.CreateSampleConsumer("StrictRuleSet" + ruleSet);
        var expected = SampleMarkers.Expected(consumer.SourceFiles);

        var build = await consumer.BuildAsync("SecureSocketsAnalysisMode=Strict", "SecureSocketsRuleSet=" + ruleSet);

        Expect.Failed(build.Command);
        Expect.HealthyBuild(build);
        Expect.SameKeys(expected, build.SsxKeys("error"), build);
        Assert.DoesNotContain(build.Ssx, d => d.Level != "error");
    }

    [Fact]
    public async Task None_reports_no_SSX_diagnostic()
    {
        // The property in the project file, where consumers put it: the package's .targets must see it.
        var consumer = workspace.CreateSampleConsumer("None", "<SecureSocketsAnalysisMode>None</SecureSocketsAnalysisMode>");

        var build = await consumer.BuildAsync();

        Expect.ExitCode(0, build.Command);
        Expect.HealthyBuild(build);
        Expect.SameKeys(Array.Empty<string>(), build.SsxKeys(), build);
    }

    [Fact]
    public async Task Editorconfig_severity_overrides_the_mode_for_one_rule()
    {
        var consumer = workspace.CreateSampleConsumer("EditorConfig");
        var expected = SampleMarkers.Expected(consumer.SourceFiles);
        Assert.Contains(expected, k => SampleMarkers.RuleOf(k) == "SSX001");
        File.WriteAllText(Path.Combine(consumer.Directory, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.SSX001.severity = none\n");

        // Strict's global config (here the latest rule set) says error for SSX001; the user's .editorconfig wins for that rule only.
        var build = await consumer.BuildAsync("SecureSocketsAnalysisMode=Strict", "SecureSocketsRuleSet=latest");

        Expect.HealthyBuild(build);
        var remaining = expected.Where(k => SampleMarkers.RuleOf(k) != "SSX001").ToList();
        Expect.SameKeys(remaining, build.SsxKeys("error"), build);
        Assert.DoesNotContain(build.Ssx, d => d.Level != "error");
        Expect.ExitCode(remaining.Count == 0 ? 0 : 1, build.Command);
    }

    [Theory]
    [InlineData("SecureSocketsAnalysisMode=Stric", "SSXPKG001")]
    [InlineData("SecureSocketsRuleSet=99", "SSXPKG002")]
    public async Task A_mistyped_mode_or_unknown_rule_set_fails_instead_of_silently_dropping_the_gate(string property, string error)
    {
        var consumer = workspace.CreateSampleConsumer("Bad" + error);

        var build = await consumer.BuildAsync("SecureSocketsAnalysisMode=Strict", property);

        Expect.Failed(build.Command);
        Assert.Contains($"error {error}:", build.Command.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyzer_and_wrapper_flow_to_a_project_that_gets_the_package_through_a_ProjectReference()
    {
        workspace.CreateProject(
            "Library",
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SecureSockets.Analyzers" Version="$(E2EPackageVersion)" />
              </ItemGroup>
            </Project>
            """,
            new[] { ("Marker.cs", "namespace Library;\n\npublic static class Marker\n{\n}\n") });

        var sample = Repository.SampleFolder;
        var app = workspace.CreateProject(
            "App",
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
                <NoWarn>$(NoWarn);CA1416</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Library/Library.csproj" />
              </ItemGroup>
            </Project>
            """,
            new[]
            {
                ("NativeMethods.cs", File.ReadAllText(Path.Combine(sample, "NativeMethods.cs"))),
                ("SecureServer.cs", File.ReadAllText(Path.Combine(sample, "SecureServer.cs"))),
                // Compiles only if lib/ (the runtime wrapper) flowed too.
                ("UsesWrapper.cs", "namespace Consumer;\n\ninternal static class UsesWrapper\n{\n    public static readonly System.Type Type = typeof(SecureSockets.SocketSecurity);\n}\n"),
            });
        var expected = SampleMarkers.Expected(app.SourceFiles);
        Assert.NotEmpty(expected);

        var build = await app.BuildAsync();

        Expect.ExitCode(0, build.Command);
        Expect.HealthyBuild(build);
        Expect.SameKeys(expected, build.SsxKeys(), build);
    }

    /// <summary>
    /// A solution whose bindings and helpers live in another of its projects (issue 14): the APIs the library declares
    /// are recognized in the app, the library's helpers are opaque there (silent), nothing throws, and only the marked
    /// lines report.
    /// </summary>
    [Fact]
    public async Task A_solution_with_bindings_and_helpers_in_a_referenced_project_reports_exactly_the_marked_lines()
    {
        var native = File.ReadAllText(Path.Combine(Repository.SampleFolder, "NativeMethods.cs"))
            .Replace("namespace Consumer;", "namespace Shared;", StringComparison.Ordinal)
            .Replace("internal static class NativeMethods", "public static class NativeMethods", StringComparison.Ordinal)
            .Replace("internal struct SecHandle", "public struct SecHandle", StringComparison.Ordinal);
        workspace.CreateProject(
            "SharedInterop",
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>disable</ImplicitUsings>
                <NoWarn>$(NoWarn);CA1416</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SecureSockets.Analyzers" Version="$(E2EPackageVersion)" />
              </ItemGroup>
            </Project>
            """,
            new[]
            {
                ("NativeMethods.cs", native),
                ("Helpers.cs", """
                    using System;

                    namespace Shared;

                    public static class Helpers
                    {
                        public static void ConnectTo(IntPtr s) => NativeMethods.connect(s, IntPtr.Zero, 0);

                        public static void BeginPeer(IntPtr s)
                        {
                            if (NativeMethods.WSAImpersonateSocketPeer(s, IntPtr.Zero, 0) != 0)
                            {
                                throw new InvalidOperationException("impersonation failed");
                            }
                        }
                    }
                    """),
            });

        var app = workspace.CreateProject(
            "SolutionApp",
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>disable</ImplicitUsings>
                <NoWarn>$(NoWarn);CA1416</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../SharedInterop/SharedInterop.csproj" />
              </ItemGroup>
            </Project>
            """,
            new[]
            {
                ("Client.cs", """
                    using System;
                    using Shared;

                    namespace SolutionApp;

                    public static class Client
                    {
                        public static void SecureAfterOpaqueConnect(IntPtr s)
                        {
                            Helpers.ConnectTo(s);
                            if (NativeMethods.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return;
                        }

                        public static void SecureAfterConnect(IntPtr s)
                        {
                            NativeMethods.connect(s, IntPtr.Zero, 0);
                            if (NativeMethods.WSASetSocketSecurity(s, IntPtr.Zero, 0, IntPtr.Zero, IntPtr.Zero) != 0) return; // SSX001
                        }

                        public static void Serve(IntPtr client, ref SecHandle context)
                        {
                            Helpers.BeginPeer(client);
                            if (NativeMethods.ImpersonateSecurityContext(ref context) != 0) return; // SSX004
                            Console.WriteLine("work");
                            NativeMethods.RevertSecurityContext(ref context); // SSX016
                        }
                    }
                    """),
            });
        var expected = SampleMarkers.Expected(app.SourceFiles);
        Assert.Equal(3, expected.Count);

        var build = await app.BuildAsync();

        Expect.ExitCode(0, build.Command);
        Expect.HealthyBuild(build);
        Expect.SameKeys(expected, build.SsxKeys(), build);
    }

    [Fact]
    public async Task A_library_annotated_with_the_contract_source_file_gives_its_consumer_the_rules()
    {
        // The library takes the package for its build assets only and gets the attributes as an internal source file.
        workspace.CreateProject(
            "AnnotatedLibrary",
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <SecureSocketsContractsSource>true</SecureSocketsContractsSource>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SecureSockets.Analyzers" Version="$(E2EPackageVersion)" ExcludeAssets="compile;runtime" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """,
            new[]
            {
                ("Net.cs", """
                    using System;
                    using SecureSockets.Contracts;

                    namespace Contoso.Security;

                    public sealed class Scope : IDisposable
                    {
                        [RevertsImpersonation] public void Dispose() { }
                    }

                    public static class Net
                    {
                        [CreatesSocket] public static IntPtr Open() => IntPtr.Zero;
                        [ConnectsSocket("socket")] public static void Connect(IntPtr socket, string host) { }
                        [SecuresSocket("socket")] public static void Secure(IntPtr socket) { }
                        [BeginsImpersonation(ImpersonationKind.SecurityContext)] public static Scope Impersonate(object context) => new Scope();
                    }
                    """),
            });

        var app = workspace.CreateProject(
            "AnnotatedApp",
            """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SecureSockets.Analyzers" Version="$(E2EPackageVersion)" />
                <ProjectReference Include="../AnnotatedLibrary/AnnotatedLibrary.csproj" />
              </ItemGroup>
            </Project>
            """,
            new[]
            {
                ("Client.cs", """
                    using Contoso.Security;

                    namespace AnnotatedApp;

                    public static class Client
                    {
                        static void Work() { }

                        public static void Run(object context)
                        {
                            var s = Net.Open();
                            Net.Connect(s, "server");
                            Net.Secure(s); // SSX001
                            var scope = Net.Impersonate(context); // SSX004
                            Work();
                            scope.Dispose();
                        }
                    }
                    """),
            });
        var expected = SampleMarkers.Expected(app.SourceFiles);
        Assert.Equal(2, expected.Count);

        var build = await app.BuildAsync();

        Expect.ExitCode(0, build.Command);
        Expect.HealthyBuild(build);
        Expect.SameKeys(expected, build.SsxKeys(), build);
    }
}
