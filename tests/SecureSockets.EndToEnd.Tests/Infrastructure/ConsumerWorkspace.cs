using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Threading.Tasks;

namespace SecureSockets.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A temporary folder for the consumers of one test class. It holds:
/// <list type="bullet">
/// <item>nuget.config that <b>adds</b> the temporary feed to the machine's sources (no &lt;clear/&gt;, no registry address);</item>
/// <item>its own NUGET_PACKAGES folder, so no cached copy of another run's package can be picked up;</item>
/// <item>empty Directory.Build.props/.targets (nothing above the folder leaks in) and the repository's global.json (same SDK).</item>
/// </list>
/// </summary>
public sealed class ConsumerWorkspace
{
    public ConsumerWorkspace(PackageFixture package, string root)
    {
        Package = package;
        Root = root;
        NuGetPackages = Path.Combine(root, "nuget-packages");
        Directory.CreateDirectory(NuGetPackages);
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="SecureSocketsE2E" value="{SecurityElement.Escape(package.FeedDirectory)}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");
        File.Copy(Path.Combine(package.RepositoryRoot, "global.json"), Path.Combine(root, "global.json"), overwrite: true);
    }

    public PackageFixture Package { get; }

    public string Root { get; }

    public string NuGetPackages { get; }

    /// <summary>Where each command's line and time go (the test's output), when set.</summary>
    public Action<string>? Log { get; set; }

    /// <summary>
    /// The sample consumer restored from the package: samples/Consumer/*.cs copied, the project's analyzer
    /// ProjectReference replaced by a PackageReference.
    /// </summary>
    public ConsumerProject CreateSampleConsumer(string name, string? extraProperties = null, string? extraItems = null)
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        foreach (var source in Directory.GetFiles(Repository.SampleFolder, "*.cs", SearchOption.TopDirectoryOnly))
        {
            File.Copy(source, Path.Combine(directory, Path.GetFileName(source)), overwrite: true);
        }

        var project = new ConsumerProject(this, directory, "Consumer");
        project.WriteProjectFile($"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
                <NoWarn>$(NoWarn);CA1416</NoWarn>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackageFixture.PackageId}" Version="{Package.Version}" />
                {extraItems}
              </ItemGroup>
            </Project>
            """);
        return project;
    }

    public ConsumerProject CreateProject(string name, string projectXml, IEnumerable<(string FileName, string Text)> sources)
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        foreach (var (fileName, text) in sources)
        {
            File.WriteAllText(Path.Combine(directory, fileName), text);
        }

        var project = new ConsumerProject(this, directory, name);
        project.WriteProjectFile(projectXml.Replace("$(E2EPackageVersion)", Package.Version, StringComparison.Ordinal));
        return project;
    }
}

/// <summary>One consumer project on disk, built with real <c>dotnet</c> processes.</summary>
public sealed class ConsumerProject
{
    private int buildCount;

    public ConsumerProject(ConsumerWorkspace workspace, string directory, string name)
    {
        Workspace = workspace;
        Directory = directory;
        ProjectPath = Path.Combine(directory, name + ".csproj");
    }

    public ConsumerWorkspace Workspace { get; }

    public string Directory { get; }

    public string ProjectPath { get; }

    public IReadOnlyList<string> SourceFiles =>
        System.IO.Directory.GetFiles(Directory, "*.cs", SearchOption.TopDirectoryOnly).OrderBy(f => f, StringComparer.Ordinal).ToList();

    public void WriteProjectFile(string xml) => File.WriteAllText(ProjectPath, xml);

    /// <summary>
    /// <c>dotnet build --no-incremental</c> (an incremental no-change build skips the compiler and reports nothing)
    /// with a SARIF 2.1 error log, read back into <see cref="BuildResult.Diagnostics"/>.
    /// </summary>
    public async Task<BuildResult> BuildAsync(params string[] properties)
    {
        var sarif = Path.Combine(Directory, $"build{++buildCount}.sarif");
        var arguments = new List<string> { "build", ProjectPath, "--no-incremental", "-nodeReuse:false", $"-p:ErrorLog={sarif}%2Cversion=2.1" };
        arguments.AddRange(properties.Select(p => "-p:" + p));
        var result = await DotnetCli.RunAsync(Directory, arguments, Workspace.NuGetPackages).ConfigureAwait(false);
        Workspace.Log?.Invoke($"{result.Elapsed.TotalSeconds,5:F1} s  exit {result.ExitCode}  {result.CommandLine}");
        var diagnostics = File.Exists(sarif) ? Sarif.Read(sarif) : Array.Empty<SarifResult>();
        return new BuildResult(result, diagnostics);
    }

    public async Task<CommandResult> RunAsync(params string[] arguments)
    {
        var result = await DotnetCli.RunAsync(Directory, arguments, Workspace.NuGetPackages).ConfigureAwait(false);
        Workspace.Log?.Invoke($"{result.Elapsed.TotalSeconds,5:F1} s  exit {result.ExitCode}  {result.CommandLine}");
        return result;
    }
}

public sealed record BuildResult(CommandResult Command, IReadOnlyList<SarifResult> Diagnostics)
{
    /// <summary>Compiler warnings that mean an analyzer did not load or crashed (CS8032 is what a too-new Roslyn pin gives).</summary>
    private static readonly string[] AnalyzerHealthIds = { "AD0001", "CS8032", "CS8033", "CS8034", "CS8784", "CS8785", "CS9057" };

    public IEnumerable<SarifResult> Ssx => Diagnostics.Where(d => d.RuleId.StartsWith("SSX", StringComparison.Ordinal));

    public IEnumerable<SarifResult> AnalyzerProblems => Diagnostics.Where(d => AnalyzerHealthIds.Contains(d.RuleId, StringComparer.Ordinal));

    public IEnumerable<SarifResult> CompilerErrors => Diagnostics.Where(d => d.Level == "error" && !d.RuleId.StartsWith("SSX", StringComparison.Ordinal));

    /// <summary>"File.cs:line:SSXnnn", sorted: the same shape as <see cref="SampleMarkers.Expected"/>.</summary>
    public IReadOnlyList<string> SsxKeys(string? level = null) => Ssx
        .Where(d => level is null || d.Level == level)
        .Select(d => d.Key)
        .OrderBy(k => k, StringComparer.Ordinal)
        .ToList();

    public override string ToString() => Command.ToString();
}
