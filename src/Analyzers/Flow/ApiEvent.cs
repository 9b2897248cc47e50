using Microsoft.CodeAnalysis;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Flow;

/// <summary>One recognized event at one operation: an API call, a wrapper call, or a summarized helper's effect.</summary>
internal readonly struct ApiEvent
{
    public ApiEvent(IOperation operation, ApiKind kind, ISymbol? socket, ISymbol? address, bool fromHelper, ResultConvention result = ResultConvention.None, IOperation? settings = null)
    {
        Settings = settings;
        Result = result;
        Operation = operation;
        Kind = kind;
        Socket = socket;
        Address = address;
        FromHelper = fromHelper;
    }

    /// <summary>The invocation or object creation (for a helper: the call to the helper).</summary>
    public IOperation Operation { get; }

    public ApiKind Kind { get; }

    /// <summary>The socket's storage location, when it is one we track.</summary>
    public ISymbol? Socket { get; }

    /// <summary>Send-to destination or target-name structure location (the same location is the same address).</summary>
    public ISymbol? Address { get; }

    public bool FromHelper { get; }

    /// <summary>
    /// For a helper's secure event: the caller's argument the helper passes on as the settings (a structure forwarded to
    /// a helper is judged at the call, where its value is known). Null for the APIs' own calls (their settings argument
    /// has the Settings role).
    /// </summary>
    public IOperation? Settings { get; }

    /// <summary>How the call reports failure (None for void, helpers and events without a status).</summary>
    public ResultConvention Result { get; }
}

/// <summary>The rules' view of a flow pass: called with the state before each event, at awaits, and at the exits.</summary>
internal abstract class FlowObserver
{
    public virtual void BeforeEvent(FlowEngine engine, PathState state, in ApiEvent e)
    {
    }

    /// <summary>An await, await foreach/using or yield return.</summary>
    public virtual void OnSuspension(FlowEngine engine, PathState state, IOperation operation, SyntaxNode reportAt)
    {
    }

    /// <summary>An operation that is neither an event nor bookkeeping.</summary>
    public virtual void OnWork(FlowEngine engine, PathState state, IOperation operation)
    {
    }

    /// <summary>A return with a value (the value is the block's branch value).</summary>
    public virtual void OnReturn(FlowEngine engine, PathState state, IOperation value)
    {
    }

    public virtual void OnExit(FlowEngine engine, PathState state, bool exceptional)
    {
    }

    /// <summary>The flow reached its fixed point (after the exits were reported).</summary>
    public virtual void OnCompleted(FlowEngine engine)
    {
    }
}
