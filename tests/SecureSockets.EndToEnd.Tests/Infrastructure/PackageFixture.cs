using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace SecureSockets.EndToEnd.Tests.Infrastructure;

/// <summary>All end-to-end test classes share one packed package (one <c>dotnet pack</c> per test run) and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Packed SecureSockets.Analyzers";
}

/// <summary>
/// Packs <c>src/Package</c> once, with a version unique to this run, into a temporary feed. Build output goes to a
/// temporary artifacts folder (<c>--artifacts-path</c>), so the pack neither writes into the repository nor
/// disturbs its incremental build state. Everything lives under one temporary root, deleted at the end
/// (set SSX_E2E_KEEP=1 to keep it for a look).
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    public const string PackageId = "SecureSockets.Analyzers";

    private readonly ConcurrentDictionary<string, ConsumerWorkspace> workspaces = new(StringComparer.Ordinal);

    public PackageFixture()
    {
        RepositoryRoot = Repository.Root;
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        Version = $"0.2.0-e2e.{stamp}.{Environment.ProcessId}";
        TempRoot = Path.Combine(Path.GetTempPath(), $"ssx-e2e-{stamp}-{Guid.NewGuid().ToString("N")[..8]}");
        FeedDirectory = Path.Combine(TempRoot, "feed");
    }

    public string RepositoryRoot { get; }

    public string Version { get; }

    public string TempRoot { get; }

    public string FeedDirectory { get; }

    public string NupkgPath => Path.Combine(FeedDirectory, $"{PackageId}.{Version}.nupkg");

    public string SnupkgPath => Path.Combine(FeedDirectory, $"{PackageId}.{Version}.snupkg");

    public CommandResult? Pack { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(FeedDirectory);
        Pack = await DotnetCli.RunAsync(RepositoryRoot, new[]
        {
            "pack", Path.Combine("src", "Package"),
            "--artifacts-path", Path.Combine(TempRoot, "artifacts"),
            "--output", FeedDirectory,
            "-p:Version=" + Version,
            "-nodeReuse:false",
        }, timeout: TimeSpan.FromMinutes(5)).ConfigureAwait(false);

        if (Pack.ExitCode != 0 || !File.Exists(NupkgPath))
        {
            throw new InvalidOperationException("dotnet pack src/Package failed:\n" + Pack);
        }
    }

    /// <summary>A folder of one test class: its own NUGET_PACKAGES and a nuget.config that adds the feed.</summary>
    public ConsumerWorkspace Workspace(string name) => workspaces.GetOrAdd(name, n => new ConsumerWorkspace(this, Path.Combine(TempRoot, n)));

    public Task DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("SSX_E2E_KEEP") != "1")
        {
            DeleteDirectory(TempRoot);
        }

        return Task.CompletedTask;
    }

    private static void DeleteDirectory(string path)
    {
        for (var attempt = 0; attempt < 3 && Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                System.Threading.Thread.Sleep(500);
            }
            catch (UnauthorizedAccessException)
            {
                System.Threading.Thread.Sleep(500);
            }
        }
    }
}

/// <summary>Where the repository is, found from the test assembly's location.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string SampleFolder => Path.Combine(Root, "samples", "Consumer");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureSockets.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SecureSockets.slnx not found above " + AppContext.BaseDirectory);
    }
}
