using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace SecureSockets.EndToEnd.Tests.Infrastructure;

/// <summary>One result of a SARIF 2.1 log: rule id, level, file name and 1-based start line.</summary>
public sealed record SarifResult(string RuleId, string Level, string File, int Line, string Message)
{
    public string Key => $"{File}:{Line}:{RuleId}";

    public override string ToString() => $"{File}({Line}): {Level} {RuleId}: {Message}";
}

/// <summary>Reads the error log the compiler writes for <c>-p:ErrorLog=path%2Cversion=2.1</c>.</summary>
public static class Sarif
{
    public static IReadOnlyList<SarifResult> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var version = root.GetProperty("version").GetString();
        if (version != "2.1.0")
        {
            throw new InvalidDataException($"{path}: SARIF version {version}, expected 2.1.0 (ErrorLog needs ',version=2.1').");
        }

        var results = new List<SarifResult>();
        foreach (var run in root.GetProperty("runs").EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var runResults))
            {
                continue;
            }

            foreach (var result in runResults.EnumerateArray())
            {
                var ruleId = result.GetProperty("ruleId").GetString() ?? "";
                // SARIF 2.1: an absent level means "warning".
                var level = result.TryGetProperty("level", out var l) ? l.GetString() ?? "warning" : "warning";
                var message = result.TryGetProperty("message", out var m) && m.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
                string file = "";
                var line = 0;
                if (result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0
                    && locations[0].TryGetProperty("physicalLocation", out var physical))
                {
                    if (physical.TryGetProperty("artifactLocation", out var artifact) && artifact.TryGetProperty("uri", out var uri))
                    {
                        var text = uri.GetString() ?? "";
                        file = Path.GetFileName(Uri.TryCreate(text, UriKind.Absolute, out var u) && u.IsFile ? u.LocalPath : text);
                    }

                    if (physical.TryGetProperty("region", out var region) && region.TryGetProperty("startLine", out var start))
                    {
                        line = start.GetInt32();
                    }
                }

                results.Add(new SarifResult(ruleId, level, file, line, message));
            }
        }

        return results;
    }
}
