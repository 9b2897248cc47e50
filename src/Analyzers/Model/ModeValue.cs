using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// The value ioctlsocket's mode argument points to: <c>ref mode</c>, <c>&amp;mode</c> or a constant. A local whose every
/// write in the body is a constant, all zero or all non-zero, is known; anything else (a write that is not a constant,
/// the local passed by <c>out</c> or to another call by reference) is not.
/// </summary>
internal static class ModeValue
{
    /// <summary>True: non-zero (non-blocking); false: zero (blocking); null: not known.</summary>
    public static bool? IsNonZero(IOperation? argument, IOperation body)
    {
        var value = Arguments.StripConversions(argument);
        if (StatusTests.ConstantOf(value) is { } constant)
        {
            return constant != 0;
        }

        var local = value switch
        {
            IAddressOfOperation { Reference: ILocalReferenceOperation r } => r.Local,
            ILocalReferenceOperation r => r.Local,
            _ => null,
        };
        if (local is null)
        {
            return null;
        }

        bool? known = null;
        foreach (var written in LocalWrites.Of(local, body, except: argument))
        {
            if (StatusTests.ConstantOf(written) is not { } c || (known is { } k && k != (c != 0)))
            {
                return null;
            }

            known = c != 0;
        }

        return known;
    }
}
