using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Flow;

/// <summary>The socket and impersonation model's transfer function: what one operation does to a path state.</summary>
internal static class Transfer
{
    public static PathState Apply(FlowEngine engine, IOperation operation, PathState state, FlowObserver observer)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                return Invocation(engine, invocation, state, observer);
            case IFunctionPointerInvocationOperation pointerCall:
                // A call through a function pointer (AcceptEx, ConnectEx from WSAIoctl): code we cannot see into.
                engine.MayThrow(state);
                state = Work(engine, Escape(engine, state, pointerCall.Arguments), pointerCall, observer);
                return StructValues.PassedToCall(Handles.Passed(state, pointerCall.Arguments, summary: null), pointerCall.Arguments);
            case IObjectCreationOperation creation:
                if (state.Imp is { IsOwned: false } active && engine.Context.Summaries.IsOwnerType(creation.Type))
                {
                    // The new object's Dispose reverts: the revert obligation moves to it. Creating the
                    // owner is the hand-off, not work that may throw before it.
                    return state.WithImp(active.WithOwner(creation.Type!));
                }

                engine.MayThrow(state);

                return creation.Constructor is not null && engine.Context.Catalog.Classify(creation.Constructor).IsApi
                    ? state
                    : Work(engine, Escape(engine, state, creation.Arguments), creation, observer);
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } socket } property } assignment
                when KnownTypes.IsSocketBlockingProperty(property.Property) && StatusTests.ConstantOf(assignment.Value) is { } blocking:
                // Socket.Blocking = false makes the socket non-blocking; = true blocking again (C-IMP-2).
                return ApplyEvent(state, new ApiEvent(assignment, blocking == 0 ? ApiKind.NonBlocking : ApiKind.Blocking,
                    SocketResolver.Resolve(socket, engine.Captures), address: null, fromHelper: false));
            case ISimpleAssignmentOperation { Target: IMemberReferenceOperation member } assignment:
                return StructValues.ProtocolAssigned(Assign(engine, assignment.Target, assignment.Value, state), member, assignment.Value);
            case ISimpleAssignmentOperation assignment:
                return Assign(engine, assignment.Target, assignment.Value, state);
            case IFlowCaptureOperation { Value.ConstantValue.HasValue: true } capture
                when engine.Captures.AssignedTo(capture.Id) is { } local && engine.TestedLocals.Contains(local):
                // This branch's constant is the local's value on this path (a local whose last assignment is a constant
                // has that value): known as soon as it is captured.
                return state.WithFact(local, StatusTests.ConstantOf(capture.Value) is { } c ? ValueFact.Exactly(c) : null);
            case IFlowCaptureOperation capture
                when engine.Captures.AssignedTo(capture.Id) is { } local && engine.Captures.ValuesOf(capture.Id).Count > 1:
                // One branch of a value stored to a local (s = c ? socket(…) : WSASocket(…)): on this branch's path the
                // local holds this branch's socket.
                return AssignSocket(engine, state, local, Unwrap(capture.Value));
            case ICompoundAssignmentOperation compound:
                return Kill(state, Location(compound.Target));
            case IIncrementOrDecrementOperation increment:
                return Kill(state, Location(increment.Target));
            case IDeconstructionAssignmentOperation deconstruction:
                foreach (var target in deconstruction.Target.DescendantsAndSelf())
                {
                    if (Location(target) is { } local)
                    {
                        state = Kill(state, local);
                    }
                }

                return state;
            case IAwaitOperation awaitOperation:
                observer.OnSuspension(engine, state, awaitOperation, awaitOperation.Syntax);
                engine.MayThrow(state);
                return state;
            case IReturnOperation { Kind: OperationKind.YieldReturn } yieldReturn:
                observer.OnSuspension(engine, state, yieldReturn, yieldReturn.Syntax);
                return state;
            default:
                return state;
        }
    }

    private static PathState Invocation(FlowEngine engine, IInvocationOperation invocation, PathState state, FlowObserver observer)
    {
        var catalog = engine.Context.Catalog;
        var api = catalog.Classify(invocation.TargetMethod);
        if (api.IsApi)
        {
            var kind = catalog.KindOf(invocation, api);
            if (kind != ApiKind.None)
            {
                return ApiCall(engine, invocation, api, kind, state, observer);
            }

            if (api.IsNative)
            {
                return state;
            }
        }

        // Methods the project's options name: a revert or a begin of impersonation, like the APIs themselves.
        if (engine.Options.NamesMethods && ConfiguredApi(engine.Options, invocation.TargetMethod) is { IsApi: true } configured)
        {
            return ApiCall(engine, invocation, configured, configured.Kind, state, observer);
        }

        // using (scope) { … } ends in scope.Dispose(): the owner reverts.
        if (state.Imp is { } active && invocation.TargetMethod.Name == "Dispose" && IsOwner(engine, invocation.Instance, active))
        {
            return state.WithImp(null);
        }

        if ((ResultTests.IsThrowingTest(invocation, out var subject) || LibraryCheck(engine, state, invocation, out subject))
            && Conditions.FindResult(engine, state, subject) is { } tested)
        {
            // A check is not work: failure leaves by the exception, success goes on.
            if (Conditions.ApplyOutcome(state, tested, Outcome.Failure) is { } failed)
            {
                engine.MayThrow(failed);
            }

            return Conditions.ApplyOutcome(state, tested, Outcome.Success) ?? state;
        }

        if (StructValues.IsStructureToPtr(invocation.TargetMethod))
        {
            // Bookkeeping that fills a buffer: what the buffer holds is known from here.
            return StructValues.MarshalledInto(engine, state, invocation);
        }

        var target = Implementation(engine, invocation);
        state = ResetFieldsAssignedBy(engine, target, state);
        state = EscapeFieldsReachableBy(target, invocation, state);
        if (engine.Context.Summaries.Get(target, engine.SummaryDepth, Summaries.ConstantFlags.Of(invocation)) is { } summary)
        {
            // A summarized helper surely writes its out arguments; what it does to a ref argument its summary says.
            state = KillWritten(Helper(engine, invocation, summary, state, observer), invocation, RefKind.Out);
            return StructValues.PassedToCall(Handles.Passed(state, invocation.Arguments, summary), invocation.Arguments);
        }

        // A call we cannot see into: a status passed to it leaves our sight before the call runs. If it is the
        // untested status of the impersonation in progress, the call may be its check (an assertion that throws on
        // failure): what it throws is no proof of a skipped revert (out of sight is silent).
        var raised = state;
        foreach (var argument in invocation.Arguments)
        {
            if (Conditions.FindResult(engine, state, argument.Value) is { } passed)
            {
                if (!passed.Tested && passed.Call == state.Imp?.Begin && IsOpaque(engine, target))
                {
                    raised = state.WithImp(null);
                }

                state = Conditions.Replace(state, passed, passed.AsEscaped());
                raised = Conditions.Replace(raised, passed, passed.AsEscaped());
            }
        }

        // Bookkeeping (stores, handle add/release, freeing memory) is excused on both paths: neither work nor a way out.
        if (ResultTests.IsBookkeeping(invocation.TargetMethod))
        {
            return state;
        }

        // A call that stays opaque but says it reverts (its name contains Revert) may end the impersonation, before it
        // returns or throws: the rules cannot decide, so they stay silent on paths through it (out of sight is silent).
        if (state.Imp is not null && IsOpaque(engine, target) && invocation.TargetMethod.Name.IndexOf("Revert", System.StringComparison.Ordinal) >= 0)
        {
            state = state.WithImp(null);
            raised = raised.WithImp(null);
        }

        engine.MayThrow(raised);
        state = Work(engine, Escape(engine, state, invocation.Arguments), invocation, observer);

        state = Handles.Passed(KillWritten(state, invocation, RefKind.Ref, RefKind.Out), invocation.Arguments, summary: null);
        return StructValues.PassedToCall(state, invocation.Arguments);
    }

    private static ApiMethod ConfiguredApi(AnalysisOptions options, IMethodSymbol method)
        => options.IsRevert(method) ? ContractAttributes.Event(method, ApiKind.ThreadRevert)
            : options.BeginOf(method) is var begin and not ApiKind.None ? ContractAttributes.Begin(method, begin)
            : ApiMethod.NotApi;

    /// <summary>
    /// A library's checker that tests a status and throws on failure: one that says so (<c>[ChecksResult("status")]</c>),
    /// or one the options name (it tests the first tracked status it is given).
    /// </summary>
    private static bool LibraryCheck(FlowEngine engine, PathState state, IInvocationOperation invocation, out IOperation? subject)
    {
        var ordinal = engine.Context.Catalog.CheckedParameter(invocation.TargetMethod);
        subject = ordinal >= 0 ? Arguments.Get(invocation, ordinal)
            : engine.Options.NamesMethods && engine.Options.IsResultCheck(invocation.TargetMethod)
                ? invocation.Arguments.Select(a => a.Value).FirstOrDefault(v => Conditions.FindResult(engine, state, v) is not null)
                : null;
        return subject is not null;
    }

    /// <summary>
    /// Sockets given to code we cannot see into: anything may have happened to them there (connected, named), so the rules
    /// that need an event's absence stay silent. A parameter counts even before any event: a summary must carry it.
    /// </summary>
    private static PathState Escape(FlowEngine engine, PathState state, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (SocketResolver.Resolve(argument.Value, engine.Captures) is { } socket
                && (socket is IParameterSymbol || state.Sockets.ContainsKey(state.Canonical(socket))))
            {
                var facts = state.SocketOf(socket);
                if (!facts.Has(SocketEvents.Escaped))
                {
                    state = state.WithSocket(socket, facts.With(SocketEvents.Escaped, argument));
                }
            }
        }

        return state;
    }

    /// <summary>What a call writes through its arguments of these kinds is unknown afterwards.</summary>
    private static PathState KillWritten(PathState state, IInvocationOperation invocation, params RefKind[] kinds)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && System.Array.IndexOf(kinds, parameter.RefKind) >= 0 && Location(argument.Value) is { } written)
            {
                state = Kill(state, written);
            }
        }

        return state;
    }

    /// <summary>
    /// A method we cannot see into: declared in another assembly, abstract (an interface's), or extern. A method of this
    /// compilation whose summary is empty was seen and does nothing we track.
    /// </summary>
    private static bool IsOpaque(FlowEngine engine, IMethodSymbol method)
        => method.IsAbstract || method.IsExtern || !engine.Context.Catalog.IsDeclaredHere(method.PartialImplementationPart ?? method.OriginalDefinition);

    /// <summary>
    /// The method a call runs, as far as the receiver's type says: an interface method called on a value of a struct or
    /// sealed class (a using's <c>IDisposable.Dispose()</c> on its resource) runs that type's implementation, explicit or not.
    /// </summary>
    private static IMethodSymbol Implementation(FlowEngine engine, IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.ContainingType is not { TypeKind: TypeKind.Interface } || invocation.Instance is null)
        {
            return method;
        }

        var receiver = Conditions.See(engine, invocation.Instance)?.Type;
        if (receiver is INamedTypeSymbol { TypeKind: TypeKind.Struct } or INamedTypeSymbol { TypeKind: TypeKind.Class, IsSealed: true }
            && receiver.FindImplementationForInterfaceMember(method) is IMethodSymbol implementation)
        {
            return implementation;
        }

        return method;
    }

    /// <summary>
    /// Is this the owner being disposed: its location, the Begin call's own result (<c>using (Begin(…))</c>), or, for
    /// <c>using (new Owner(…))</c> which has no location, an object of the owner's type?
    /// </summary>
    private static bool IsOwner(FlowEngine engine, IOperation? instance, Impersonation imp)
    {
        var owner = imp.Owner;
        if (owner is not null && SymbolEqualityComparer.Default.Equals(SocketResolver.Resolve(instance, engine.Captures), owner))
        {
            return true;
        }

        instance = Conditions.See(engine, instance);
        return instance == imp.Begin || (owner is ITypeSymbol type && SymbolEqualityComparer.Default.Equals(instance?.Type, type));
    }

    /// <summary>A call to a method of this compilation that assigns a tracked field resets that field.</summary>
    /// <summary>
    /// A socket or context handle in a field may change in any method of the field's type, or wherever <c>this</c> is
    /// passed: summaries do not follow fields, so such a call puts the field's socket and handle out of sight.
    /// </summary>
    private static PathState EscapeFieldsReachableBy(IMethodSymbol method, IInvocationOperation invocation, PathState state)
    {
        // Called at every call of a project method on every path: no enumerator or closure unless a field is held.
        var holdsField = false;
        foreach (var pair in state.Sockets)
        {
            if (pair.Key is IFieldSymbol)
            {
                holdsField = true;
                break;
            }
        }

        if (!holdsField && state.Slots.IsEmpty)
        {
            return state;
        }

        var passesThis = invocation.Instance is IInstanceReferenceOperation || invocation.Arguments.Any(a => a.Value is IInstanceReferenceOperation);
        bool Reachable(IFieldSymbol field)
            => passesThis || SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, field.ContainingType.OriginalDefinition);

        if (holdsField)
        {
            foreach (var pair in state.Sockets)
            {
                if (pair.Key is IFieldSymbol field && Reachable(field)
                    && state.SocketOf(field) is var facts && !facts.Has(SocketEvents.Escaped))
                {
                    state = state.WithSocket(field, facts.With(SocketEvents.Escaped, invocation));
                }
            }
        }

        return state.Slots.IsEmpty ? state : state.ForgetInSlots(l => l is IFieldSymbol f && Reachable(f));
    }

    private static PathState ResetFieldsAssignedBy(FlowEngine engine, IMethodSymbol method, PathState state)
    {
        if (!engine.TracksFields || !engine.Context.Catalog.IsDeclaredHere(method))
        {
            return state;
        }

        foreach (var field in engine.Context.Summaries.AssignedFields(method))
        {
            if (state.Sockets.ContainsKey(field))
            {
                state = state.Reassign(field, fresh: null);
            }
        }

        return state;
    }

    /// <summary>Work (an operation other than bookkeeping): the rules see it, and an impersonation in progress is no longer a bare begin.</summary>
    private static PathState Work(FlowEngine engine, PathState state, IOperation operation, FlowObserver observer)
    {
        observer.OnWork(engine, state, operation);
        return state.Imp is { WorkSince: false } imp ? state.WithImp(imp.WithWork()) : state;
    }

    private static readonly (SocketEvents Flag, ApiKind Kind)[] HelperEventKinds =
    {
        (SocketEvents.Bound, ApiKind.Bind),
        (SocketEvents.Listening, ApiKind.Listen),
        (SocketEvents.Connected, ApiKind.Connect),
        (SocketEvents.Accepted, ApiKind.AcceptInto),
        (SocketEvents.SentTo, ApiKind.SendTo),
        (SocketEvents.Secured, ApiKind.Secure),
        (SocketEvents.Named, ApiKind.TargetName),
        (SocketEvents.PeerImpersonated, ApiKind.PeerImpersonate),
    };

    /// <summary>A call to a summarized helper: its events happen at the call, on the arguments it was given.</summary>
    private static PathState Helper(FlowEngine engine, IInvocationOperation invocation, Summaries.HelperSummary summary, PathState state, FlowObserver observer)
    {
        // Every event is judged against the caller's state before the call (the helper judges its own order).
        var before = state;
        var applied = new System.Collections.Generic.List<(ISymbol Socket, SocketEvents Events)>();
        foreach (var effect in summary.Sockets)
        {
            if (SocketResolver.Resolve(Arguments.Get(invocation, effect.Ordinal), engine.Captures) is not { } socket)
            {
                continue;
            }

            foreach (var (flag, kind) in HelperEventKinds)
            {
                if ((effect.May & flag) != 0)
                {
                    observer.BeforeEvent(engine, before, new ApiEvent(invocation, kind, socket, address: null, fromHelper: true));
                }
            }

            applied.Add((socket, effect.May));
        }

        // A checker throws on the failure path only; that path is raised below with the failure it saw. A helper that
        // reverts throws after its revert, even when it throws because the revert failed (it still counts as a revert).
        if (summary.MayThrow && summary.ThrowsOnFailureOf.IsEmpty)
        {
            engine.MayThrow(summary.RevertsSometimes ? state.WithImp(null) : state);
        }

        foreach (var (socket, events) in applied)
        {
            state = state.WithSocket(socket, state.SocketOf(socket).With(events, invocation));
        }

        // A checker that throws on failure handles the status it is given.
        foreach (var ordinal in summary.ThrowsOnFailureOf)
        {
            if (Conditions.FindResult(engine, state, Arguments.Get(invocation, ordinal)) is { } tested)
            {
                if (Conditions.ApplyOutcome(state, tested, Outcome.Failure) is { } failed)
                {
                    engine.MayThrow(failed);
                }

                state = Conditions.ApplyOutcome(state, tested, Outcome.Success) ?? state;
            }
        }

        // Settings the helper passes on to a secure event are judged here, where their value is known.
        foreach (var ordinal in summary.SettingsParameters)
        {
            if (Arguments.Get(invocation, ordinal) is { } settings)
            {
                observer.BeforeEvent(engine, before, new ApiEvent(invocation, ApiKind.Secure, socket: null, address: null, fromHelper: true, settings: settings));
            }
        }

        // A helper that returns its revert's status hands the check to this call (C-SSPI-3, C-ALL-2).
        if (summary.ReturnsRevertStatus != ApiKind.None)
        {
            observer.BeforeEvent(engine, state, new ApiEvent(invocation, summary.ReturnsRevertStatus, socket: null, address: null, fromHelper: true,
                ResultConventions.Of(invocation.TargetMethod.ReturnType)));
        }

        // A helper that reverts on some path (an owner's Dispose guarded by its "active" flag) counts as reverting:
        // the rules cannot prove a path through it still impersonates.
        if (summary.RevertsSometimes)
        {
            state = state.WithImp(null);
        }

        if (summary.ReturnsOwner)
        {
            var scope = summary.Begins == ApiKind.PeerImpersonate ? ApiKind.WrapperPeerScope : ApiKind.WrapperContextScope;
            state = state.WithImp(new Impersonation(invocation, scope, owner: null, workSince: false));
        }
        else if (summary.Begins != ApiKind.None)
        {
            var e = new ApiEvent(invocation, summary.Begins, socket: null, address: null, fromHelper: true, summary.BeginResult);
            observer.BeforeEvent(engine, state, e);
            state = ApplyEvent(state, e);
            if (summary.BeginResult is ResultConvention.ZeroIsSuccess or ResultConvention.HResultStruct or ResultConvention.TrueIsSuccess)
            {
                state = state.WithNewResult(new TrackedResult(invocation, summary.Begins, summary.BeginResult, socket: null, invocation.Type));
            }
        }
        else if (!summary.RevertsSometimes && summary.ThrowsOnFailureOf.IsEmpty && summary.Sockets.All(s => (s.May & ~SocketEvents.Markers) == 0))
        {
            state = Work(engine, state, invocation, observer);
        }

        return state;
    }

    private static PathState ApiCall(FlowEngine engine, IInvocationOperation invocation, ApiMethod api, ApiKind kind, PathState state, FlowObserver observer)
    {
        var socketOperation = api.SocketSlot switch
        {
            >= 0 => Arguments.Get(invocation, api.SocketSlot),
            SocketSlot.Receiver => invocation.Instance,
            _ => null,
        };
        var socket = SocketResolver.Resolve(socketOperation, engine.Captures);
        if (socket is not null)
        {
            engine.NoteLocation(socket);
        }

        // Send-to's destination, a target name's structure (or the wrapper's peer), an impersonation's peer (the same
        // location is the same address).
        var addressArgument = kind switch
        {
            ApiKind.SendTo => api.Argument(invocation, ArgumentRole.Address),
            ApiKind.TargetName when api.Kind != ApiKind.Ioctl => api.Argument(invocation, ArgumentRole.TargetName) ?? api.Argument(invocation, ArgumentRole.PeerAddress),
            ApiKind.PeerImpersonate => api.Argument(invocation, ArgumentRole.PeerAddress),
            _ => null,
        };
        var address = SocketResolver.Resolve(addressArgument, engine.Captures);
        if (kind == ApiKind.SocketMode)
        {
            // A mode that cannot be read may make it blocking again: what was known non-blocking is no longer proof.
            kind = ModeValue.IsNonZero(api.Argument(invocation, ArgumentRole.Mode), engine.Graph.OriginalOperation) switch
            {
                true => ApiKind.NonBlocking,
                _ => ApiKind.Blocking,
            };
        }

        var result = engine.Context.Catalog.ResultOf(invocation, api);
        var e = new ApiEvent(invocation, kind, socket, address, fromHelper: false, result);
        observer.BeforeEvent(engine, state, e);
        state = ApplyEvent(state, e);
        if (kind is ApiKind.InitializeContext or ApiKind.AcceptContext)
        {
            state = Handles.Written(state, api, invocation, kind);
        }

        // A retry: securing again on the failure path of an earlier secure call hands the failure to the retry, whose
        // own result is judged from here (a retry is not a repeat).
        if (kind == ApiKind.Secure && socket is not null)
        {
            var canonical = state.Canonical(socket);
            foreach (var earlier in state.Results)
            {
                if (earlier.Kind == ApiKind.Secure && earlier.Outcome == Outcome.Failure && earlier.Socket is { } s
                    && SymbolEqualityComparer.Default.Equals(state.Canonical(s), canonical))
                {
                    state = state.WithResults(state.Results.Remove(earlier));
                }
            }
        }

        if (kind is ApiKind.Secure or ApiKind.TargetName or ApiKind.PeerImpersonate or ApiKind.SspiImpersonate
            && result is ResultConvention.ZeroIsSuccess or ResultConvention.HResultStruct or ResultConvention.TrueIsSuccess)
        {
            state = state.WithNewResult(new TrackedResult(invocation, kind, result, socket, invocation.Type));
        }

        return state;
    }

    /// <summary>The model's effect of one event (shared by API calls and summarized helpers).</summary>
    public static PathState ApplyEvent(PathState state, in ApiEvent e)
    {
        var socket = e.Socket;
        switch (e.Kind)
        {
            case ApiKind.Bind when socket is not null:
                return state.WithSocket(socket, state.SocketOf(socket).With(SocketEvents.Bound, e.Operation));
            case ApiKind.Listen when socket is not null:
                return state.WithSocket(socket, state.SocketOf(socket).With(SocketEvents.Listening, e.Operation));
            case ApiKind.BindAndListen when socket is not null:
                return state.WithSocket(socket, state.SocketOf(socket).With(SocketEvents.Bound | SocketEvents.Listening, e.Operation));
            case ApiKind.Connect when socket is not null:
                return state.WithSocket(socket, state.SocketOf(socket).With(SocketEvents.Connected, e.Operation));
            case ApiKind.SendTo when socket is not null:
                return state.WithSocket(socket, state.SocketOf(socket).With(SocketEvents.SentTo, e.Operation, e.Address));
            case ApiKind.AcceptInto when socket is not null:
                // AcceptEx's accept socket keeps its own creation and is connected after the call.
                return state.Reassign(socket, state.SocketOf(socket).Renewed().With(SocketEvents.Accepted, e.Operation));
            case ApiKind.Secure when socket is not null:
                return state.WithSocket(socket, state.SocketOf(socket).With(SocketEvents.Secured, e.Operation));
            case ApiKind.TargetName when socket is not null:
                return state.WithSocket(socket, state.SocketOf(socket).With(SocketEvents.Named, e.Operation));
            case ApiKind.Close when socket is not null:
                return state.Reassign(socket, fresh: null);
            case ApiKind.NonBlocking when socket is not null:
                return state.WithSocket(socket, state.SocketOf(socket).With(SocketEvents.NonBlocking, e.Operation));
            case ApiKind.Blocking when socket is not null:
                return state.WithSocket(socket, state.SocketOf(socket).Without(SocketEvents.NonBlocking));
            case ApiKind.PeerImpersonate when socket is not null:
                return state.WithSocket(socket, state.SocketOf(socket).With(SocketEvents.PeerImpersonated, e.Operation))
                    .WithImp(new Impersonation(e.Operation, e.Kind, owner: null, workSince: false));
            case ApiKind.PeerImpersonate:
            case ApiKind.SspiImpersonate:
            case ApiKind.WrapperPeerScope:
            case ApiKind.WrapperContextScope:
                return state.WithImp(new Impersonation(e.Operation, e.Kind, owner: null, workSince: false));
            case ApiKind.PeerRevert:
            case ApiKind.SspiRevert:
            case ApiKind.ThreadRevert:
                return state.WithImp(null);
            default:
                return state;
        }
    }

    private static PathState Assign(FlowEngine engine, IOperation target, IOperation value, PathState state)
    {
        var location = Location(target);
        var source = Unwrap(value);

        // An alias of a location (ref var r = ref x; var p = &x;) lets code write it that this flow does not follow.
        if (!state.Slots.IsEmpty
            && Location(value.Parent is ISimpleAssignmentOperation { IsRef: true } ? source : source is IAddressOfOperation address ? address.Reference : null) is { } aliased)
        {
            state = state.ForgetInSlots(l => SymbolEqualityComparer.Default.Equals(l, aliased));
        }

        // Where a tracked status goes: a local holds it (storing it is bookkeeping); anything else takes it out of our sight.
        var result = Conditions.FindResult(engine, state, source, byHolder: false) ?? OneOfCaptured(engine, state, source);
        var successFlag = result is null ? SuccessFlagOf(engine, state, source) : null;
        if (location is not null)
        {
            state = ForgetHolder(state, location);
        }

        if (result is not null)
        {
            state = Conditions.Replace(state, result, Hold(result, location, isSuccessFlag: false));
        }
        else if (successFlag is not null)
        {
            state = Conditions.Replace(state, successFlag, Hold(successFlag, location, isSuccessFlag: true));
        }
        else if (location is ILocalSymbol && Conditions.FindResult(engine, state, source) is { HolderIsSuccessFlag: false } copied && !copied.IsHeldIn(location))
        {
            // int status = result; — both locals hold it.
            state = Conditions.Replace(state, copied, copied.WithCopy(location));
        }

        if (location is null)
        {
            return state;
        }

        state = Handles.Assigned(state, location, source);
        state = StructValues.Assigned(engine, state, location, source);

        // Facts of tested locals (a bool whose last assignment is a constant has that value). A branchy
        // constant (a switch expression's arms) was learned where its branch captured it.
        if ((engine.TestedLocals.Contains(location) || state.Facts.ContainsKey(location))
            && !(source is IFlowCaptureReferenceOperation captured && engine.Captures.AllConstant(captured.Id) && SymbolEqualityComparer.Default.Equals(engine.Captures.AssignedTo(captured.Id), location)))
        {
            var constant = StatusTests.ConstantOf(value);
            var fact = constant is { } c ? ValueFact.Exactly(c)
                : source is IObjectCreationOperation { Type.IsReferenceType: true } ? ValueFact.Anything.Refine(BinaryOperatorKind.NotEquals, ValueFact.NullValue, true)
                : null;
            state = state.WithFact(location, engine.TestedLocals.Contains(location) ? fact : null);
        }

        // Results of calls on the socket this location held no longer speak of the socket it will hold.
        foreach (var r in state.Results)
        {
            if (SymbolEqualityComparer.Default.Equals(r.Socket, location))
            {
                state = Conditions.Replace(state, r, r.WithoutSocket());
            }
        }

        // A branchy value (s = c ? socket(…) : WSASocket(…)) was followed on each branch, where it was captured.
        if (!(source is IFlowCaptureReferenceOperation branchy && engine.Captures.ValuesOf(branchy.Id).Count > 1
              && SymbolEqualityComparer.Default.Equals(engine.Captures.AssignedTo(branchy.Id), location)))
        {
            state = AssignSocket(engine, state, location, source);
        }

        // The wrapper's scope (or a factory's owner) now lives in this location: its Dispose reverts.
        // (A status stored from an API call is not an owner: only scope objects are.)
        if (state.Imp is { } imp
            && ((imp.Begin == source && imp.Kind is ApiKind.WrapperPeerScope or ApiKind.WrapperContextScope)
                || (source is IObjectCreationOperation && SymbolEqualityComparer.Default.Equals(imp.Owner, source.Type))))
        {
            state = state.WithImp(imp.WithOwner(location));
        }

        return state;
    }

    /// <summary>Sockets: a creation starts a new socket in the location; a copy aliases; anything else forgets.</summary>
    private static PathState AssignSocket(FlowEngine engine, PathState state, ISymbol location, IOperation? source)
    {
        if (CreationOf(engine, state, source) is { } created)
        {
            engine.NoteLocation(location);
            return state.Reassign(location, created);
        }

        if (SocketResolver.Resolve(source, engine.Captures) is { } from && !SymbolEqualityComparer.Default.Equals(from, location)
            && (state.Sockets.ContainsKey(state.Canonical(from)) || SocketTypes.CanHoldSocket(TypeOf(location))))
        {
            return state.AliasTo(location, from);
        }

        return state.Sockets.ContainsKey(location) || (state.Aliases.Count > 0 && (state.Aliases.ContainsKey(location) || state.Aliases.Values.Contains(location, SymbolEqualityComparer.Default)))
            ? state.Reassign(location, fresh: null)
            : state;
    }

    /// <summary>
    /// The socket a value creates: a fresh one (with its family, type, protocol and flags where they are constants), one
    /// created bound, or one accepted from a listening socket (which has that socket's creations).
    /// </summary>
    private static SocketFacts? CreationOf(FlowEngine engine, PathState state, IOperation? source)
    {
        ApiMethod api;
        IInvocationOperation? invocation = null;
        switch (source)
        {
            case IInvocationOperation call:
                invocation = call;
                api = engine.Context.Catalog.Classify(call.TargetMethod);
                break;
            case IObjectCreationOperation { Constructor: { } constructor }:
                api = engine.Context.Catalog.Classify(constructor);
                break;
            default:
                return null;
        }

        if (api.SocketSlot != SocketSlot.Result && api.Kind != ApiKind.None)
        {
            return null;
        }

        switch (api.Kind)
        {
            case ApiKind.None when invocation is not null
                                   && engine.Context.Summaries.Get(Implementation(engine, invocation), engine.SummaryDepth, Summaries.ConstantFlags.Of(invocation)) is { ReturnedSocket: { } returned }:
                // A factory of the compilation's own: its returned socket's facts hold at the call (summaries keep may and must).
                return returned.SeenAt(invocation);
            case ApiKind.CreateFresh:
                // A library's creating method (a contract, a model) hides how it created the socket: provenance unseen.
                return SocketFacts.Created(invocation is not null && !api.IsNative ? null : Creation(source!, api));
            case ApiKind.CreateBound:
                return SocketFacts.Created(Creation(source!, api)).With(SocketEvents.Bound, source!);
            case ApiKind.CreateConnected:
                var listener = invocation is null ? null
                    : SocketResolver.Resolve(api.Argument(invocation, ArgumentRole.ListeningSocket) ?? invocation.Instance, engine.Captures);
                return listener is null
                    ? SocketFacts.Created(source is IObjectCreationOperation ? Creation(source, api) : null).With(SocketEvents.Accepted, source!)
                    : state.SocketOf(listener).AcceptedFrom(source!);
            default:
                return null;
        }
    }

    /// <summary>The facts of the socket a returned value holds: a creation right there, a tracked location, or null (not one we track).</summary>
    internal static SocketFacts? SocketOfValue(FlowEngine engine, PathState state, IOperation value)
    {
        var source = Unwrap(Conditions.See(engine, value));
        if (CreationOf(engine, state, source) is { } created)
        {
            return created;
        }

        return SocketResolver.Resolve(source, engine.Captures) is { } location && state.Sockets.ContainsKey(state.Canonical(location))
            ? state.SocketOf(location)
            : null;
    }

    private static SocketCreation Creation(IOperation site, ApiMethod api)
    {
        double? Constant(ArgumentRole role) => site switch
        {
            IInvocationOperation call => StatusTests.ConstantOf(api.Argument(call, role)),
            IObjectCreationOperation creation when api.OrdinalOf(role) is var ordinal and >= 0
                => StatusTests.ConstantOf(creation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal)?.Value),
            _ => null,
        };

        var type = Constant(ArgumentRole.Type) ?? (site is IObjectCreationOperation { Type: var created } ? KnownTypes.ImpliedSocketType(created) : null);
        return new SocketCreation(site, Constant(ArgumentRole.Family), type, Constant(ArgumentRole.Protocol),
            Constant(ArgumentRole.Flags), managed: !api.IsNative, hasFlagsArgument: api.OrdinalOf(ArgumentRole.Flags) >= 0);
    }

    /// <summary><c>bool ok = Impersonate(...) == 0</c>: the local means success (storing it is bookkeeping).</summary>
    internal static TrackedResult? SuccessFlagOf(FlowEngine engine, PathState state, IOperation? source)
    {
        if (source is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } binary
            && StatusTests.ConstantOf(binary.RightOperand) == 0
            && Conditions.FindResult(engine, state, binary.LeftOperand) is { Convention: ResultConvention.ZeroIsSuccess } r)
        {
            return r;
        }

        if (source is IPropertyReferenceOperation { Property.Name: "Succeeded" } succeeded
            && Conditions.FindResult(engine, state, succeeded.Instance) is { } s)
        {
            return s;
        }

        return null;
    }

    /// <summary>
    /// <c>rc = c ? A(…) : B(…)</c>: the graph captures either call's status on its own branch, and this path ran one of
    /// them — the one whose result it tracks.
    /// </summary>
    private static TrackedResult? OneOfCaptured(FlowEngine engine, PathState state, IOperation? source)
    {
        if (source is not IFlowCaptureReferenceOperation capture)
        {
            return null;
        }

        foreach (var value in engine.Captures.ValuesOf(capture.Id))
        {
            if (Conditions.FindResult(engine, state, value, byHolder: false) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// Where a status is stored: a local or a parameter holds it (its tests are tests of the status); an out or ref
    /// parameter also hands it to the caller, and anything else takes it out of our sight.
    /// </summary>
    private static TrackedResult Hold(TrackedResult result, ISymbol? location, bool isSuccessFlag) => location switch
    {
        ILocalSymbol => result.WithHolder(location, isSuccessFlag),
        IParameterSymbol { RefKind: RefKind.None } => result.WithHolder(location, isSuccessFlag),
        IParameterSymbol => result.WithHolder(location, isSuccessFlag).AsEscaped(),
        _ => result.AsEscaped(),
    };

    private static PathState ForgetHolder(PathState state, ISymbol location)
    {
        foreach (var r in state.Results)
        {
            if (r.IsHeldIn(location))
            {
                state = Conditions.Replace(state, r, r.Forget(location));
            }
        }

        return state;
    }

    private static PathState Kill(PathState state, ISymbol? location)
    {
        if (location is null)
        {
            return state;
        }

        if (state.Facts.ContainsKey(location))
        {
            state = state.WithFact(location, null);
        }

        state = ForgetHolder(state, location);
        return state.Sockets.ContainsKey(location) || state.Aliases.ContainsKey(location) ? state.Reassign(location, fresh: null) : state;
    }

    /// <summary>A location an assignment can write: local, parameter, field of this, static field.</summary>
    internal static ISymbol? Location(IOperation? target) => target switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field when field.Field.IsStatic || field.Instance is IInstanceReferenceOperation => field.Field,
        _ => null,
    };

    internal static ITypeSymbol? TypeOf(ISymbol location) => location switch
    {
        ILocalSymbol l => l.Type,
        IParameterSymbol p => p.Type,
        IFieldSymbol f => f.Type,
        _ => null,
    };

    internal static IOperation? Unwrap(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IAwaitOperation awaited:
                    operation = awaited.Operation;
                    continue;
                default:
                    return operation;
            }
        }
    }
}
