using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SecureSockets.Analyzers.Flow;

/// <summary>
/// Operations compared by reference and hashed by where their syntax starts. An operation's default hash is the
/// runtime's identity hash, which costs a slow call the first time it is taken for an object, and every body's
/// operations are new objects: the engine's sets and state hashes took it constantly.
/// </summary>
internal sealed class OperationIdentity : IEqualityComparer<IOperation>
{
    public static readonly OperationIdentity Instance = new();

    private OperationIdentity()
    {
    }

    public static int Hash(IOperation operation) => (operation.Syntax.FullSpan.Start * 31) ^ (int)operation.Kind;

    public bool Equals(IOperation? x, IOperation? y) => ReferenceEquals(x, y);

    public int GetHashCode(IOperation operation) => Hash(operation);
}
