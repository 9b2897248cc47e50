using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace SecureSockets.Analyzers.Catalog;

/// <summary>Does a file's text contain a word, before anything in it is parsed further or bound?</summary>
internal static class TextSearch
{
    /// <summary>
    /// A source text is not a string: it is copied in chunks (overlapping by the longest value's length) and each chunk
    /// searched with the vectorized span search; a file without any of the values costs one pass, no allocation.
    /// </summary>
    public static bool ContainsAny(SourceText text, IReadOnlyList<string> values, char[] buffer)
    {
        var longest = 0;
        foreach (var value in values)
        {
            longest = Math.Max(longest, value.Length);
        }

        if (longest == 0 || longest >= buffer.Length)
        {
            return longest > 0;
        }

        for (var start = 0; start < text.Length; start += buffer.Length - longest)
        {
            var count = Math.Min(buffer.Length, text.Length - start);
            text.CopyTo(start, buffer, 0, count);
            var chunk = new ReadOnlySpan<char>(buffer, 0, count);
            foreach (var value in values)
            {
                if (chunk.IndexOf(value.AsSpan(), StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            if (start + count >= text.Length)
            {
                break;
            }
        }

        return false;
    }
}
