using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SecureSockets.Bench.Corpus;

namespace SecureSockets.Bench.Harness;

/// <summary>
/// The whole-build view: `dotnet build --no-incremental -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary` on a
/// copy of samples/Consumer and on a generated corpus, each written to a temporary project, with and without our
/// analyzer (an Analyzer item pointing at the same SecureSockets.Analyzers.dll this benchmark references in process);
/// the dense corpus once more with CA2000 on too, so that both are timed in one build where the driver binds for both.
/// </summary>
internal static class WholeBuild
{
    public sealed record Result(
        string Project,
        bool WithAnalyzer,
        bool Succeeded,
        double WallSeconds,
        double CscSeconds,
        double TotalAnalyzerSeconds,
        double OursSeconds,
        double SocketOrderSeconds,
        double ImpersonationSeconds,
        bool WithCa2000,
        double Ca2000Seconds,
        int SsxWarnings,
        string LogPath);

    private const string ProjectTemplate = """
        <Project Sdk="Microsoft.NET.Sdk">
          <!-- Written by bench/SecureSockets.Bench for the whole-build view. -->
          <PropertyGroup>
            <OutputType>{0}</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
            <Nullable>enable</Nullable>
            <LangVersion>latest</LangVersion>
            <ImplicitUsings>disable</ImplicitUsings>
            <IsPackable>false</IsPackable>
            <NoWarn>$(NoWarn);CA1416</NoWarn>
          </PropertyGroup>
          <ItemGroup Condition="'$(WithSecureSockets)' == 'true'">
            <Analyzer Include="{1}" />
          </ItemGroup>
          <ItemGroup Condition="'$(WithCa2000)' == 'true'">
            <GlobalAnalyzerConfigFiles Include="ca2000.globalconfig" />
          </ItemGroup>
          {2}
        </Project>
        """;

    /// <summary>
    /// The generated corpus writes both halves of its [LibraryImport] methods (as the in-process compilation has
    /// no generator); the SDK's LibraryImport generator would add a second implementation, so it is taken out.
    /// </summary>
    private const string WithoutLibraryImportGenerator = """
        <Target Name="BenchRemoveLibraryImportGenerator" BeforeTargets="CoreCompile">
            <ItemGroup>
              <Analyzer Remove="@(Analyzer)" Condition="'%(Filename)' == 'Microsoft.Interop.LibraryImportGenerator'" />
            </ItemGroup>
          </Target>
        """;

    // Turns CA2000 on for a build that sets WithCa2000 (the SDK leaves it off by default).
    private const string Ca2000Config = "is_global = true\ndotnet_diagnostic.CA2000.severity = warning\n";

    public static string WriteConsumerCopy(string repositoryRoot, string workDir, string analyzerPath)
    {
        var dir = Path.Combine(workDir, "Consumer");
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(Path.Combine(repositoryRoot, "samples", "Consumer"), "*.cs"))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)), overwrite: true);
        }

        File.WriteAllText(Path.Combine(dir, "ca2000.globalconfig"), Ca2000Config);
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), string.Format(CultureInfo.InvariantCulture, ProjectTemplate, "Exe", analyzerPath, string.Empty));
        return dir;
    }

    public static string WriteCorpus(GeneratedCorpus corpus, string workDir, string analyzerPath)
    {
        var dir = Path.Combine(workDir, $"{corpus.Name}{corpus.Scale}x");
        Directory.CreateDirectory(dir);
        foreach (var (path, text) in corpus.Files)
        {
            var target = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
        }

        File.WriteAllText(Path.Combine(dir, "ca2000.globalconfig"), Ca2000Config);
        File.WriteAllText(
            Path.Combine(dir, $"Corpus.{corpus.Name}.csproj"),
            string.Format(CultureInfo.InvariantCulture, ProjectTemplate, "Library", analyzerPath, WithoutLibraryImportGenerator));
        return dir;
    }

    public static Result Build(string projectDir, string label, bool withAnalyzer, bool withCa2000 = false)
    {
        var logPath = Path.Combine(projectDir, $"build-{(withAnalyzer ? "with" : "without")}{(withCa2000 ? "-ca2000" : string.Empty)}.log");
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = projectDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "build", "--no-incremental", "-p:ReportAnalyzer=true", "-v:d", "-clp:PerformanceSummary",
                     $"-p:WithSecureSockets={(withAnalyzer ? "true" : "false")}", $"-p:WithCa2000={(withCa2000 ? "true" : "false")}", "-nodeReuse:false",
                 })
        {
            psi.ArgumentList.Add(arg);
        }

        var sw = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        sw.Stop();
        File.WriteAllText(logPath, output + stderr.Result);
        return Parse(label, withAnalyzer, withCa2000, process.ExitCode == 0, sw.Elapsed.TotalSeconds, output, logPath);
    }

    internal static Result Parse(string label, bool withAnalyzer, bool withCa2000, bool succeeded, double wall, string output, string logPath)
    {
        // Sums every matching row (the per-rule analyzers of one family are separate rows).
        double Seconds(Regex regex)
            => regex.Matches(output).Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

        var csc = Regex.Match(output, @"^\s*(\d+) ms\s+Csc\s+\d+ calls", RegexOptions.Multiline);
        var warnings = new HashSet<string>(
            Regex.Matches(output, @"^.*?([^\s>]+\(\d+,\d+\)): warning (SSX\d{3})", RegexOptions.Multiline).Select(m => m.Groups[1].Value + m.Groups[2].Value),
            StringComparer.Ordinal);
        return new Result(
            label,
            withAnalyzer,
            succeeded,
            wall,
            csc.Success ? double.Parse(csc.Groups[1].Value, CultureInfo.InvariantCulture) / 1000 : 0,
            Seconds(new Regex(@"Total analyzer execution time: ([\d.]+) seconds")),
            Seconds(new Regex(@"^\s*<?([\d.]+)\s+\S+\s+SecureSockets\.Analyzers, Version=", RegexOptions.Multiline)),
            Seconds(new Regex(@"^\s*<?([\d.]+)\s+\S+\s+SecureSockets\.Analyzers\.Rules\.SSX00[1267]\w+Analyzer", RegexOptions.Multiline)),
            Seconds(new Regex(@"^\s*<?([\d.]+)\s+\S+\s+SecureSockets\.Analyzers\.Rules\.SSX00[3458]\w+Analyzer", RegexOptions.Multiline)),
            withCa2000,
            Seconds(new Regex(@"^\s*<?([\d.]+)\s+\S+\s+Microsoft\.NetCore\.Analyzers\.Runtime\.DisposeObjectsBeforeLosingScope \(CA2000\)", RegexOptions.Multiline)),
            warnings.Count,
            logPath);
    }
}
