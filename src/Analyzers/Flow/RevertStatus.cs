using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Flow;

/// <summary>
/// A value that is the status of a revert: a revert call (WSARevertImpersonation, RevertSecurityContext, RevertToSelf,
/// SetThreadToken with a null token), a call to a summarized helper that returns one, or a local every write of which is
/// one of these.
/// </summary>
internal static class RevertStatus
{
    /// <summary>The revert's kind, or None.</summary>
    public static ApiKind KindOf(FlowEngine engine, IOperation? value)
    {
        switch (Transfer.Unwrap(value))
        {
            case IInvocationOperation invocation:
                return OfCall(engine, invocation);
            case ILocalReferenceOperation local:
                var kind = ApiKind.None;
                foreach (var written in Model.LocalWrites.Of(local.Local, engine.Graph.OriginalOperation))
                {
                    if (Transfer.Unwrap(written) is not IInvocationOperation call || OfCall(engine, call) is var found && found == ApiKind.None)
                    {
                        return ApiKind.None;
                    }

                    kind = found;
                }

                return kind;
            default:
                return ApiKind.None;
        }
    }

    private static ApiKind OfCall(FlowEngine engine, IInvocationOperation invocation)
    {
        var catalog = engine.Context.Catalog;
        var api = catalog.Classify(invocation.TargetMethod);
        if (api.IsApi)
        {
            return catalog.KindOf(invocation, api) is var kind && ApiKinds.Reverts(kind) ? kind : ApiKind.None;
        }

        return engine.SummaryDepth > 0 && engine.Context.Summaries.Get(invocation.TargetMethod, engine.SummaryDepth) is { ReturnsRevertStatus: var returned }
            ? returned
            : ApiKind.None;
    }
}
