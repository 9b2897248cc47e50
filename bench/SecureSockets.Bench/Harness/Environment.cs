using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Bench.Harness;

/// <summary>Where things are: the repository, the global packages folder, the reference assemblies, the machine.</summary>
internal static class BenchEnvironment
{
    public const string RefPackVersion = "8.0.28";
    public const string NetAnalyzersVersion = "10.0.111";

    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SecureSockets.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("SecureSockets.slnx not found above the current directory or " + AppContext.BaseDirectory);
    }

    public static string PackagesFolder()
    {
        var env = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        return !string.IsNullOrEmpty(env)
            ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    /// <summary>net8.0 reference assemblies, put in the global packages folder by the project's PackageDownload.</summary>
    public static ImmutableArray<MetadataReference> ReferenceAssemblies()
    {
        var dir = Path.Combine(PackagesFolder(), "microsoft.netcore.app.ref", RefPackVersion, "ref", "net8.0");
        if (!Directory.Exists(dir))
        {
            throw new InvalidOperationException($"{dir} is missing: run 'dotnet restore bench/SecureSockets.Bench' (PackageDownload Microsoft.NETCore.App.Ref {RefPackVersion}).");
        }

        return Directory.GetFiles(dir, "*.dll")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    public static string NetAnalyzersFolder()
    {
        var dir = Path.Combine(PackagesFolder(), "microsoft.codeanalysis.netanalyzers", NetAnalyzersVersion, "analyzers", "dotnet", "cs");
        if (!Directory.Exists(dir))
        {
            throw new InvalidOperationException($"{dir} is missing: run 'dotnet restore bench/SecureSockets.Bench' (PackageDownload Microsoft.CodeAnalysis.NetAnalyzers {NetAnalyzersVersion}).");
        }

        return dir;
    }

    public static string MachineDescription()
    {
        var memory = "?";
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is not null)
            {
                var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
                memory = $"{kb / 1024.0 / 1024.0:F1} GiB";
            }
        }
        catch (IOException)
        {
        }

        var cpu = "?";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        }
        catch (IOException)
        {
        }

        return $"{Environment.ProcessorCount} cores ({cpu}), {memory} memory, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}";
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    public static string SdkVersion(string repositoryRoot)
    {
        try
        {
            var psi = new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, WorkingDirectory = repositoryRoot, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
