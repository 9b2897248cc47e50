using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Model;

internal static class ResultUse
{
    /// <summary>A status nobody can read: the call is an expression statement or assigned to a discard (CA1806's test).</summary>
    public static bool IsDiscarded(IOperation call)
    {
        var parent = call.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IExpressionStatementOperation
               || parent is ISimpleAssignmentOperation { Target: IDiscardOperation };
    }

    /// <summary>
    /// A status stored in a local that nothing reads (<c>var rc = Revert(…);</c> and no use of <c>rc</c> in the body): as
    /// discarded as an expression statement.
    /// </summary>
    public static bool IsStoredAndNeverRead(IOperation call, IOperation body)
    {
        var parent = call.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        var local = parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            _ => null,
        };
        if (local is null)
        {
            return false;
        }

        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && !(reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Does this call report failure through a value the caller must test?</summary>
    public static bool HasStatus(ResultConvention convention)
        => convention is ResultConvention.ZeroIsSuccess or ResultConvention.HResultStruct or ResultConvention.TrueIsSuccess;
}
