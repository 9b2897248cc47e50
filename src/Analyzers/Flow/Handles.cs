using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Flow;

/// <summary>
/// The transfer function of the SSPI context handle slot (<see cref="HandleProvenance"/>): InitializeSecurityContext and
/// AcceptSecurityContext write the handle in their new-context role; an assignment, a call that may write the location
/// through <c>ref</c>/<c>out</c>/<c>&amp;</c>, or (for a field) a method that can reach it makes its provenance unknown.
/// </summary>
internal static class Handles
{
    /// <summary>The storage location a handle argument names: <c>ref h</c>, <c>in h</c>, <c>&amp;h</c>, <c>h</c>.</summary>
    public static ISymbol? LocationOf(IOperation? argument)
    {
        var value = Arguments.StripConversions(argument);
        if (value is IAddressOfOperation address)
        {
            value = Arguments.StripConversions(address.Reference);
        }

        return Transfer.Location(value);
    }

    /// <summary>An SSPI call wrote its new-context argument (C-SSPI-1).</summary>
    public static PathState Written(PathState state, ApiMethod api, IInvocationOperation invocation, ApiKind kind)
    {
        if (LocationOf(api.Argument(invocation, ArgumentRole.NewContext)) is not { } location)
        {
            return state;
        }

        var by = kind == ApiKind.InitializeContext ? ContextWriters.Initialize : ContextWriters.Accept;
        return state.WithSlot((state.Slot<HandleProvenance>() ?? HandleProvenance.Empty).Written(location, by));
    }

    /// <summary><c>location = source</c>: a copy of a known handle keeps its provenance; anything else forgets it.</summary>
    public static PathState Assigned(PathState state, ISymbol location, IOperation? source)
    {
        if (state.Slot<HandleProvenance>() is not { IsEmpty: false } handles)
        {
            return state;
        }

        return state.WithSlot(Transfer.Location(source) is { } from && handles.Knows(from)
            ? handles.Written(location, handles.Of(from))
            : handles.Written(location, ContextWriters.None));
    }

    /// <summary>
    /// A call that may write its arguments: a summarized helper writes the handles its summary says, and may have written
    /// any other <c>ref</c>/<c>out</c>/<c>&amp;</c> argument; a call we cannot see into may have written them all. What may
    /// have been written is forgotten by every slot.
    /// </summary>
    public static PathState Passed(PathState state, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, Summaries.HelperSummary? summary)
    {
        if (state.Slots.IsEmpty && summary is not { HandleWrites.IsEmpty: false })
        {
            return state;
        }

        foreach (var argument in arguments)
        {
            var ordinal = argument.Parameter?.Ordinal ?? -1;
            if (summary is not null && summary.HandleWrites.Any(w => w.Ordinal == ordinal)
                && LocationOf(argument.Value) is { } target)
            {
                var writers = summary.HandleWrites.First(w => w.Ordinal == ordinal).Writers;
                state = state.ForgetInSlots(l => SymbolEqualityComparer.Default.Equals(l, target));
                state = state.WithSlot((state.Slot<HandleProvenance>() ?? HandleProvenance.Empty).Written(target, writers));
            }
            else if ((argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out || Arguments.StripConversions(argument.Value) is IAddressOfOperation)
                     && LocationOf(argument.Value) is { } location)
            {
                state = state.ForgetInSlots(l => SymbolEqualityComparer.Default.Equals(l, location));
            }
        }

        return state;
    }
}
