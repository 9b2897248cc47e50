using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace SecureSockets.EndToEnd.Tests.Infrastructure;

/// <summary>The ids the sample promises: a trailing <c>// SSXnnn</c> comment (several ids allowed) on the reported line.</summary>
public static class SampleMarkers
{
    private static readonly Regex Marker = new(@"//\s*(SSX\d{3}(?:[ ,]+SSX\d{3})*)\s*$", RegexOptions.Compiled);
    private static readonly Regex Id = new(@"SSX\d{3}", RegexOptions.Compiled);

    /// <summary>"File.cs:line:SSXnnn" for every id marked in <paramref name="files"/>, sorted.</summary>
    public static IReadOnlyList<string> Expected(IEnumerable<string> files) => files
        .SelectMany(file => File.ReadAllText(file).Split('\n')
            .Select((text, index) => (File: Path.GetFileName(file), Line: index + 1, Match: Marker.Match(text.TrimEnd('\r')))))
        .Where(x => x.Match.Success)
        .SelectMany(x => Id.Matches(x.Match.Groups[1].Value).Select(id => $"{x.File}:{x.Line}:{id.Value}"))
        .OrderBy(k => k, StringComparer.Ordinal)
        .ToList();

    public static string RuleOf(string key) => key[(key.LastIndexOf(':') + 1)..];
}
