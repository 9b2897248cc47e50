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

    /// <summary>Does this call report failure through a value the caller must test?</summary>
    public static bool HasStatus(ResultConvention convention)
        => convention is ResultConvention.ZeroIsSuccess or ResultConvention.HResultStruct or ResultConvention.TrueIsSuccess;
}
