using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SecureSockets.EndToEnd.Tests.Infrastructure;

/// <summary>The outcome of one <c>dotnet</c> process: exit code and the interleaved stdout/stderr text.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    public override string ToString() => $"> {CommandLine}\nexit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n{Output}";
}

/// <summary>
/// Runs the .NET CLI as a real child process. The child gets a clean environment: no MSBuild variables inherited
/// from the <c>dotnet test</c> that runs us (they point into that build), no node reuse (no MSBuild processes left
/// behind), and, when given, its own NUGET_PACKAGES folder.
/// </summary>
public static class DotnetCli
{
    private static readonly string DotnetPath = FindDotnet();

    public static async Task<CommandResult> RunAsync(
        string workingDirectory, IReadOnlyList<string> arguments, string? nugetPackages = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(DotnetPath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in new List<string>(start.Environment.Keys))
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("_MSBuild", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        if (nugetPackages is not null)
        {
            start.Environment["NUGET_PACKAGES"] = nugetPackages;
        }

        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            Append(output, $"*** killed after {stopwatch.Elapsed.TotalSeconds:F0} s (timeout)");
        }

        // WaitForExitAsync returns after the output streams are drained.
        var commandLine = "dotnet " + string.Join(" ", arguments);
        lock (output)
        {
            return new CommandResult(commandLine, process.ExitCode, output.ToString(), stopwatch.Elapsed);
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string FindDotnet()
    {
        // Set by the .NET CLI for the processes it starts (the test host among them).
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        return "dotnet";
    }
}
