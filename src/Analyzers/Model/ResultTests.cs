using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Model;

/// <summary>Calls that test a status by throwing on failure (a check is not work) and calls that are bookkeeping (excused before the first test).</summary>
internal static class ResultTests
{
    /// <summary><c>hr.ThrowIfFailed()</c>, <c>ThrowOnFailure()</c>, <c>Marshal.ThrowExceptionForHR(status)</c>: the path goes on only on success.</summary>
    public static bool IsThrowingTest(IInvocationOperation invocation, out IOperation? subject)
    {
        var method = invocation.TargetMethod;
        subject = null;
        switch (method.Name)
        {
            case "ThrowIfFailed":
            case "ThrowOnFailure":
                subject = invocation.Instance ?? Arguments.Get(invocation, 0);
                return subject is not null;
            case "ThrowExceptionForHR" when method.ContainingType?.Name == "Marshal":
                subject = Arguments.Get(invocation, 0);
                return subject is not null;
            default:
                return false;
        }
    }

    /// <summary>Handle bookkeeping and releasing memory or handles: runs on both paths and is not "work".</summary>
    public static bool IsBookkeeping(IMethodSymbol method)
    {
        switch (method.Name)
        {
            case "DangerousAddRef":
            case "DangerousRelease":
            case "FreeHGlobal":
            case "FreeCoTaskMem":
            case "FreeBSTR":
            case "ZeroFreeGlobalAllocUnicode":
            case "ZeroFreeCoTaskMemUnicode":
            case "DestroyStructure":
            case "GetLastWin32Error":
            case "GetLastPInvokeError":
            case "GetLastSystemError":
            case "GetHRForLastWin32Error":
            case "SizeOf":
            case "Dispose":
            case "Free":
                return true;
            default:
                return false;
        }
    }
}
