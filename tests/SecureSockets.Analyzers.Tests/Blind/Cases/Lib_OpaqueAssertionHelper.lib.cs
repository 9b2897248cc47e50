// BlindLib: a tiny in-house test framework (no contract attributes: opaque to the analyzer).
using System;
using System.Collections.Generic;

namespace Contoso.Testing
{
    public sealed class AssertionException : Exception
    {
        public AssertionException(string message) : base(message) { }
    }

    public static class Assert
    {
        public static void Equal<T>(T expected, T actual, string because = null)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
                throw new AssertionException($"Expected {expected}, got {actual}. {because}");
        }

        public static void True(bool condition, string because = null)
        {
            if (!condition)
                throw new AssertionException("Expected true. " + because);
        }
    }
}
