using System;
using System.Collections.Generic;
using System.Text;

namespace SecureSockets.Bench.Corpus;

/// <summary>A tiny indenting writer for generated C# (four spaces, one statement a line).</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder text = new();
    private int indent;

    public int Lines { get; private set; }

    public CodeWriter Line(string line = "")
    {
        if (line.Length == 0)
        {
            text.Append('\n');
        }
        else
        {
            text.Append(' ', indent * 4).Append(line).Append('\n');
        }

        Lines++;
        return this;
    }

    public CodeWriter Lines_(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            Line(line);
        }

        return this;
    }

    /// <summary>Writes a block of lines that may contain "{" / "}" lines (indentation follows the braces).</summary>
    public CodeWriter Block(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('}'))
            {
                indent--;
            }

            Line(line);
            if (line.EndsWith('{'))
            {
                indent++;
            }
        }

        return this;
    }

    public CodeWriter Open(string header)
    {
        Line(header);
        Line("{");
        indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        indent--;
        Line("}" + suffix);
        return this;
    }

    public override string ToString() => text.ToString();

    public static int CountLines(string text)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                n++;
            }
        }

        return n;
    }
}

/// <summary>One generated corpus: its files, and what it holds (lines, types, methods, tracked calls).</summary>
internal sealed record GeneratedCorpus(
    string Name,
    int Scale,
    IReadOnlyList<(string Path, string Text)> Files,
    int Lines,
    int Types,
    int Methods,
    int TrackedCalls)
{
    public double LinesPerTrackedCall => TrackedCalls == 0 ? double.PositiveInfinity : (double)Lines / TrackedCalls;

    /// <summary>Compile errors the corpus has on purpose (code being typed); its compile then ends without emitting.</summary>
    public int ExpectedErrors { get; init; }

    /// <summary>The file that holds those errors: left out of the compile column (the analyzers see it).</summary>
    public string? DraftFile { get; init; }
}

/// <summary>Deterministic choices from one seed (System.Random with a seed is stable across .NET versions).</summary>
internal sealed class Dice
{
    private readonly Random random;

    public Dice(int seed) => random = new Random(seed);

    public int Next(int minInclusive, int maxInclusive) => random.Next(minInclusive, maxInclusive + 1);

    public bool Chance(double p) => random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
