using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Flow;

/// <summary>
/// The transfer function of the settings slot (<see cref="SettingsValues"/>): what an IPsec settings structure's
/// SecurityProtocol holds (C-SEC-8) and which structure a buffer was marshalled from (C-SEC-7). A creation or
/// <c>default</c> starts a structure (SecurityProtocol left at 0 unless its initializer sets it), a field assignment sets
/// it, a copy or a builder's summary carries it, <c>Marshal.StructureToPtr</c> puts it in a buffer; anything else that
/// writes the location forgets it.
/// </summary>
internal static class StructValues
{
    /// <summary>The structure a value is, when it can be known here.</summary>
    public static StructValue? ValueOf(FlowEngine engine, PathState state, IOperation? value)
    {
        var source = Transfer.Unwrap(Conditions.See(engine, value));
        switch (source)
        {
            case IObjectCreationOperation creation when StructValue.IsIpsecSettings(creation.Type):
                // A constructor of its own (with arguments, or a parameterless one the struct declares) may set the field.
                return new StructValue(creation.Type!, creation.Constructor is { IsImplicitlyDeclared: true } ? InitializedProtocol(engine, creation) : null);
            case IDefaultValueOperation { Type: { } type } when StructValue.IsIpsecSettings(type):
                return new StructValue(type, 0);
            case IInvocationOperation invocation
                when engine.Context.Summaries.Get(invocation.TargetMethod, engine.SummaryDepth) is { ReturnedSettings: { } returned }:
                return returned;
        }

        return Transfer.Location(source) is { } location ? state.Slot<SettingsValues>()?.Of(location) : null;
    }

    /// <summary>
    /// The SecurityProtocol an object initializer gives (the graph lowers initializers, so it is read from the body's own
    /// operation tree): its constant, null when it is not one, 0 when the initializer leaves it at its default.
    /// </summary>
    private static double? InitializedProtocol(FlowEngine engine, IObjectCreationOperation creation)
    {
        var original = engine.Graph.OriginalOperation.DescendantsAndSelf().OfType<IObjectCreationOperation>()
            .FirstOrDefault(o => o.Syntax == creation.Syntax);
        var assignment = original?.Initializer?.Initializers.OfType<ISimpleAssignmentOperation>()
            .FirstOrDefault(a => a.Target is IMemberReferenceOperation { Member.Name: "SecurityProtocol" });
        return assignment is null ? 0 : StatusTests.ConstantOf(assignment.Value);
    }

    /// <summary><c>location = source</c>.</summary>
    public static PathState Assigned(FlowEngine engine, PathState state, ISymbol location, IOperation? source)
    {
        var slot = state.Slot<SettingsValues>();
        if (!IsTracked(location) || !StructValue.IsIpsecSettings(Transfer.TypeOf(location)))
        {
            return slot is { } known && known.Knows(location) ? state.WithSlot(known.Holding(location, null)) : state;
        }

        return state.WithSlot((slot ?? SettingsValues.Empty).Holding(location, ValueOf(engine, state, source)));
    }

    /// <summary><c>settings.SecurityProtocol = value</c> on a structure location.</summary>
    public static PathState ProtocolAssigned(PathState state, IMemberReferenceOperation target, IOperation value)
    {
        if (target.Member.Name != "SecurityProtocol" || Transfer.Location(target.Instance) is not { } location
            || !IsTracked(location) || !StructValue.IsIpsecSettings(Transfer.TypeOf(location)))
        {
            return state;
        }

        return state.WithSlot((state.Slot<SettingsValues>() ?? SettingsValues.Empty)
            .Holding(location, new StructValue(Transfer.TypeOf(location)!, StatusTests.ConstantOf(value))));
    }

    /// <summary>
    /// Structures are followed in locals and by-value parameters only: a field (static or not) and a <c>ref</c> local or
    /// parameter can be written by code this flow does not see.
    /// </summary>
    private static bool IsTracked(ISymbol location) => location switch
    {
        ILocalSymbol local => !local.IsRef,
        IParameterSymbol parameter => parameter.RefKind == RefKind.None,
        _ => false,
    };

    /// <summary>
    /// The locations a call may write through: a buffer or structure passed to it, also inside an expression
    /// (<c>buffer + offset</c>, <c>&amp;settings</c>). What it held is unknown afterwards (a string tail copied into a
    /// buffer after its header, a structure filled by a helper).
    /// </summary>
    public static PathState PassedToCall(PathState state, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        if (state.Slot<SettingsValues>() is not { IsEmpty: false } slot)
        {
            return state;
        }

        foreach (var argument in arguments)
        {
            foreach (var reference in argument.Value.DescendantsAndSelf())
            {
                if (Transfer.Location(reference) is { } location && slot.Knows(location)
                    && (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out
                        || Transfer.TypeOf(location) is { SpecialType: SpecialType.System_IntPtr or SpecialType.System_UIntPtr } or IPointerTypeSymbol
                        || reference.Parent is IAddressOfOperation))
                {
                    slot = slot.Holding(location, null);
                }
            }
        }

        return state.WithSlot(slot);
    }

    /// <summary><c>Marshal.StructureToPtr(structure, buffer, …)</c>: the buffer now holds that structure.</summary>
    public static bool IsStructureToPtr(IMethodSymbol method)
        => method.Name == "StructureToPtr" && method.ContainingType is { Name: "Marshal" } marshal
           && KnownTypes.IsInNamespace(marshal, "System", "Runtime", "InteropServices");

    public static PathState MarshalledInto(FlowEngine engine, PathState state, IInvocationOperation invocation)
    {
        if (invocation.Arguments.Length < 2 || Transfer.Location(Arguments.StripConversions(Arguments.Get(invocation, 1))) is not { } buffer)
        {
            return state;
        }

        var structure = Arguments.StripConversions(Arguments.Get(invocation, 0));
        var value = ValueOf(engine, state, structure)
                    ?? (structure?.Type is { TypeKind: TypeKind.Struct, SpecialType: SpecialType.None } type ? new StructValue(type, null) : null);
        return state.WithSlot((state.Slot<SettingsValues>() ?? SettingsValues.Empty).Holding(buffer, value));
    }

    /// <summary>
    /// What a settings or target-name argument passes: through <c>&amp;x</c>, <c>ref x</c>, pointer casts and
    /// buffers a structure was marshalled into. A structure location of another type is known by its type alone.
    /// </summary>
    public static StructValue? Passed(FlowEngine engine, PathState state, IOperation? argument)
    {
        var value = Arguments.StripConversions(argument);
        if (value is IAddressOfOperation address)
        {
            value = Arguments.StripConversions(address.Reference);
        }

        if (ValueOf(engine, state, value) is { } known)
        {
            return known;
        }

        return Transfer.Location(value) is { } location && Transfer.TypeOf(location) is { TypeKind: TypeKind.Struct, SpecialType: SpecialType.None } type
               && !StructValue.IsIpsecSettings(type)
            ? new StructValue(type, null)
            : null;
    }
}
