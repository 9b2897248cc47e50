using System;
using System.Collections.Generic;
using System.Linq;
using Xunit.Sdk;

namespace SecureSockets.EndToEnd.Tests.Infrastructure;

/// <summary>Assertions whose failure message carries what the process printed.</summary>
public static class Expect
{
    public static void SameKeys(IEnumerable<string> expected, IEnumerable<string> actual, object context)
    {
        var e = expected.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var a = actual.OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (!e.SequenceEqual(a, StringComparer.Ordinal))
        {
            throw new XunitException(
                "Diagnostics differ.\n  missing:    " + string.Join(", ", e.Except(a, StringComparer.Ordinal))
                + "\n  unexpected: " + string.Join(", ", a.Except(e, StringComparer.Ordinal))
                + "\n\n" + context);
        }
    }

    public static void ExitCode(int expected, CommandResult result)
    {
        if (result.ExitCode != expected)
        {
            throw new XunitException($"Expected exit code {expected}.\n\n{result}");
        }
    }

    public static void Failed(CommandResult result)
    {
        if (result.ExitCode == 0)
        {
            throw new XunitException($"Expected the command to fail.\n\n{result}");
        }
    }

    /// <summary>The package's analyzers loaded and ran without crashing, and the code compiled apart from SSX errors.</summary>
    public static void HealthyBuild(BuildResult build)
    {
        var problems = build.AnalyzerProblems.Concat(build.CompilerErrors).ToList();
        if (problems.Count > 0)
        {
            throw new XunitException("Analyzer load/crash diagnostics or compiler errors:\n  " + string.Join("\n  ", problems) + "\n\n" + build);
        }
    }
}
