using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SecureSockets.EndToEnd.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SecureSockets.EndToEnd.Tests;

/// <summary>What is inside the packed .nupkg/.snupkg: layout, metadata, the analyzers' compiler references, the mode configs.</summary>
[Collection(PackageCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class PackageContentTests
{
    /// <summary>Roslyn 4.8 = .NET 8 SDK / VS 17.8, the oldest compiler we promise (Directory.Packages.props).</summary>
    private static readonly Version OldestRoslyn = new(4, 8, 0, 0);

    /// <summary>What a Roslyn 4.8 host (VS 17.8) ships: an analyzer must not bind to newer versions of these.</summary>
    private static readonly Dictionary<string, Version> HostAssemblies = new(StringComparer.Ordinal)
    {
        ["System.Collections.Immutable"] = new(7, 0, 0, 0),
        ["System.Reflection.Metadata"] = new(7, 0, 0, 0),
    };

    private static readonly string[] RequiredFiles =
    {
        "README.md",
        "analyzers/dotnet/cs/SecureSockets.Analyzers.dll",
        "analyzers/dotnet/cs/SecureSockets.CodeFixes.dll",
        "lib/netstandard2.0/SecureSockets.dll",
        "lib/netstandard2.0/SecureSockets.xml",
        "lib/net8.0/SecureSockets.dll",
        "lib/net8.0/SecureSockets.xml",
        "build/SecureSockets.Analyzers.targets",
        "build/SecureSockets.Contracts.cs",
        "buildTransitive/SecureSockets.Analyzers.targets",
        "build/config/securesockets_default.globalconfig",
        "build/config/securesockets_none.globalconfig",
        "build/config/securesockets_strict_ruleset1.globalconfig",
    };

    /// <summary>Everything a package file may be; anything else (the packaging project's own DLL, a bundled Roslyn) is a mistake.</summary>
    private static readonly Regex AllowedFile = new(
        @"^(README\.md|analyzers/dotnet/cs/SecureSockets\.(Analyzers|CodeFixes)\.dll|lib/(netstandard2\.0|net8\.0)/SecureSockets\.(dll|xml)"
        + @"|build/SecureSockets\.Analyzers\.targets|build/SecureSockets\.Contracts\.cs|build/config/securesockets_[a-z0-9_]+\.globalconfig|buildTransitive/SecureSockets\.Analyzers\.targets)$");

    private readonly PackageFixture package;

    public PackageContentTests(PackageFixture package, ITestOutputHelper output)
    {
        this.package = package;
        output.WriteLine($"{package.Pack!.Elapsed.TotalSeconds,5:F1} s  {package.Pack.CommandLine}");
    }

    [Fact]
    public void Nupkg_has_the_analyzers_the_wrapper_the_msbuild_files_and_nothing_else()
    {
        var files = PackageFiles(package.NupkgPath);

        Assert.All(RequiredFiles, f => Assert.Contains(f, files));
        Assert.All(files, f => Assert.Matches(AllowedFile, f));
        Assert.Equal(
            new[] { "analyzers/dotnet/cs/SecureSockets.Analyzers.dll", "analyzers/dotnet/cs/SecureSockets.CodeFixes.dll" },
            files.Where(f => f.StartsWith("analyzers/", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal));
    }

    [Fact]
    public void Nuspec_has_license_readme_release_notes_and_no_dependencies()
    {
        var metadata = Nuspec(package.NupkgPath);

        Assert.Equal(PackageFixture.PackageId, Value(metadata, "id"));
        Assert.Equal(package.Version, Value(metadata, "version"));
        var license = Element(metadata, "license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "releaseNotes")));
        Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")));
        // lib/ is used at run time: the package must stay a normal (flowing) dependency of its consumers.
        Assert.NotEqual("true", metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "developmentDependency")?.Value);

        // One empty group per lib/ framework: no Microsoft.CodeAnalysis.* (nor anything else) for consumers to restore.
        var groups = metadata.Elements().Where(e => e.Name.LocalName == "dependencies").Elements().ToList();
        Assert.All(groups, g => Assert.Equal("group", g.Name.LocalName));
        Assert.Equal(new[] { ".NETStandard2.0", "net8.0" }, groups.Select(g => g.Attribute("targetFramework")?.Value).OrderBy(t => t, StringComparer.Ordinal));
        var dependencies = groups.SelectMany(g => g.Elements()).Select(d => d.Attribute("id")?.Value).ToList();
        Assert.DoesNotContain(dependencies, id => id?.StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Empty(dependencies);
    }

    [Fact]
    public void Snupkg_has_the_matching_pdb_of_each_wrapper_assembly()
    {
        Assert.True(File.Exists(package.SnupkgPath), "no .snupkg next to " + package.NupkgPath);
        using var symbols = ZipFile.OpenRead(package.SnupkgPath);
        using var main = ZipFile.OpenRead(package.NupkgPath);
        foreach (var tfm in new[] { "netstandard2.0", "net8.0" })
        {
            var pdbEntry = symbols.GetEntry($"lib/{tfm}/SecureSockets.pdb");
            Assert.True(pdbEntry is not null, $"lib/{tfm}/SecureSockets.pdb missing from the .snupkg");
            var dll = ReadAll(main.GetEntry($"lib/{tfm}/SecureSockets.dll")!);
            var pdb = ReadAll(pdbEntry!);

            using var pe = new PEReader(new MemoryStream(dll));
            var codeView = pe.ReadDebugDirectory().Single(d => d.Type == DebugDirectoryEntryType.CodeView);
            var expectedId = pe.ReadCodeViewDebugDirectoryData(codeView).Guid;
            using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
            var pdbId = new Guid(pdbProvider.GetMetadataReader().DebugMetadataHeader!.Id.Take(16).ToArray());
            Assert.Equal(expectedId, pdbId);
        }
    }

    [Fact]
    public void Analyzer_assemblies_load_in_Roslyn_4_8_and_the_analyzer_has_no_Workspaces()
    {
        using var zip = ZipFile.OpenRead(package.NupkgPath);
        var analyzerEntries = zip.Entries.Where(e => e.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, analyzerEntries.Count);

        foreach (var entry in analyzerEntries)
        {
            var references = AssemblyReferences(ReadAll(entry));
            // netstandard2.0, so that both the .NET Framework (VS) and the .NET (dotnet build) compiler hosts load it.
            Assert.Contains(references, r => r.Name == "netstandard" && r.Version == new Version(2, 0, 0, 0));
            foreach (var (name, version) in references.Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)))
            {
                Assert.True(version <= OldestRoslyn, $"{entry.FullName} references {name} {version}; Roslyn {OldestRoslyn} hosts would refuse it (CS8032/CS9057).");
            }

            foreach (var (name, version) in references.Where(r => HostAssemblies.ContainsKey(r.Name)))
            {
                Assert.True(version <= HostAssemblies[name], $"{entry.FullName} references {name} {version}; a Roslyn 4.8 host ships {HostAssemblies[name]}.");
            }
        }

        var analyzer = AssemblyReferences(ReadAll(zip.GetEntry("analyzers/dotnet/cs/SecureSockets.Analyzers.dll")!));
        Assert.Contains(analyzer, r => r.Name == "Microsoft.CodeAnalysis");
        Assert.DoesNotContain(analyzer, r => r.Name.Contains("Workspaces", StringComparison.Ordinal));
    }

    [Fact]
    public void Mode_configs_are_global_below_user_configs_and_cover_the_released_rules()
    {
        using var zip = ZipFile.OpenRead(package.NupkgPath);
        var configs = zip.Entries
            .Where(e => e.FullName.StartsWith("build/config/", StringComparison.Ordinal))
            .ToDictionary(e => Path.GetFileName(e.FullName), e => GlobalConfig.Parse(new StreamReader(e.Open()).ReadToEnd()), StringComparer.Ordinal);

        foreach (var (name, config) in configs)
        {
            Assert.True(config.IsGlobal, name + " lacks is_global = true");
            // A project's own .globalconfig is level 100; .editorconfig entries beat every global config.
            Assert.True(config.GlobalLevel is < 0, $"{name}: global_level {config.GlobalLevel}, expected below 0");
        }

        var released = ReleasedRuleIds();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"SSX{i:000}"), released.Take(8));

        // Default sets nothing: an id-specific entry would beat users' category-wide .editorconfig settings.
        Assert.Empty(configs["securesockets_default.globalconfig"].Severities);
        Assert.Equal(released.ToDictionary(id => id, _ => "none"), configs["securesockets_none.globalconfig"].Severities);

        // Strict rule set 1 is pinned: SSX001-SSX008, whatever later releases add.
        Assert.Equal(
            Enumerable.Range(1, 8).ToDictionary(i => $"SSX{i:000}", _ => "error"),
            configs["securesockets_strict_ruleset1.globalconfig"].Severities);

        // The latest rule set (what SecureSocketsRuleSet=latest picks) covers every released rule.
        var latest = configs.Keys.Where(k => k.StartsWith("securesockets_strict_ruleset", StringComparison.Ordinal))
            .OrderBy(k => int.Parse(k["securesockets_strict_ruleset".Length..^".globalconfig".Length], System.Globalization.CultureInfo.InvariantCulture))
            .Last();
        Assert.Equal(released.ToDictionary(id => id, _ => "error"), configs[latest].Severities);
        var targets = ReadText(zip, "build/SecureSockets.Analyzers.targets");
        var latestNumber = latest["securesockets_strict_ruleset".Length..^".globalconfig".Length];
        Assert.Contains($"<_SecureSocketsLatestRuleSet>{latestNumber}</_SecureSocketsLatestRuleSet>", targets, StringComparison.Ordinal);
    }

    private static List<string> PackageFiles(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        return zip.Entries
            .Select(e => e.FullName)
            .Where(n => !n.EndsWith('/') && !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal)
                        && n != "[Content_Types].xml" && !n.EndsWith(".nuspec", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
    }

    private static XElement Nuspec(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = entry.Open();
        var document = XDocument.Load(stream);
        return document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static XElement Element(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name) ?? throw new Xunit.Sdk.XunitException($"nuspec has no <{name}>");

    private static string Value(XElement metadata, string name) => Element(metadata, name).Value;

    private static List<(string Name, Version Version)> AssemblyReferences(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(h => reader.GetAssemblyReference(h))
            .Select(r => (reader.GetString(r.Name), r.Version))
            .ToList();
    }

    /// <summary>Rule ids of AnalyzerReleases.Shipped.md and .Unshipped.md (new rules only), in id order.</summary>
    private static List<string> ReleasedRuleIds()
    {
        var folder = Path.Combine(Repository.Root, "src", "Analyzers");
        var rows = new Regex(@"^(SSX\d{3})\s*\|", RegexOptions.Multiline);
        return new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .Select(f => Path.Combine(folder, f))
            .Where(File.Exists)
            .SelectMany(f => rows.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ReadText(ZipArchive zip, string path)
    {
        using var reader = new StreamReader(zip.GetEntry(path)!.Open());
        return reader.ReadToEnd();
    }

    private sealed record GlobalConfig(bool IsGlobal, int? GlobalLevel, Dictionary<string, string> Severities)
    {
        private static readonly Regex Severity = new(@"^dotnet_diagnostic\.(\w+)\.severity\s*=\s*(\w+)\s*$");

        public static GlobalConfig Parse(string text)
        {
            var isGlobal = false;
            int? level = null;
            var severities = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#') || line.StartsWith(';'))
                {
                    continue;
                }

                var match = Severity.Match(line);
                if (match.Success)
                {
                    severities[match.Groups[1].Value] = match.Groups[2].Value;
                }
                else if (Regex.IsMatch(line, @"^is_global\s*=\s*true$"))
                {
                    isGlobal = true;
                }
                else if (Regex.Match(line, @"^global_level\s*=\s*(-?\d+)$") is { Success: true } levelMatch)
                {
                    level = int.Parse(levelMatch.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return new GlobalConfig(isGlobal, level, severities);
        }
    }
}
