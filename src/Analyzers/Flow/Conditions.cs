using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;
using SecureSockets.Analyzers.Model;

namespace SecureSockets.Analyzers.Flow;

/// <summary>
/// What a branch condition tells a path: tests of tracked results decide their outcome, and
/// tests of unchanged locals record facts; a condition that contradicts what the path already
/// knows makes the branch infeasible for it (null).
/// </summary>
internal static class Conditions
{
    public static PathState? Refine(FlowEngine engine, PathState state, IOperation condition, bool value)
    {
        var c = See(engine, condition);
        switch (c)
        {
            case null:
                return state;
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: bool b } }:
                return b == value ? state : null;
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Refine(engine, state, not.Operand, !value);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.And or BinaryOperatorKind.ConditionalAnd } conjunction when value:
                return Refine(engine, state, conjunction.LeftOperand, true) is { } left ? Refine(engine, left, conjunction.RightOperand, true) : null;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Or or BinaryOperatorKind.ConditionalOr } disjunction when !value:
                return Refine(engine, state, disjunction.LeftOperand, false) is { } l ? Refine(engine, l, disjunction.RightOperand, false) : null;
            case IBinaryOperation or IIsPatternOperation:
                return StatusTests.TryReadComparison(c, out var subject, out var op, out var constant)
                    ? RefineSubject(engine, state, subject, op, constant, value)
                    : state;
            case IIsNullOperation isNull:
                // A new object, or the scope a Begin call just returned, is never null (the lowered using's null check).
                var operand = See(engine, isNull.Operand);
                // So is the owner a scope was stored to (using var x = Begin(…); x?.Dispose()).
                if (operand is IObjectCreationOperation || (operand is IInvocationOperation begin && state.Imp?.Begin == begin)
                    || (state.Imp?.Owner is ILocalSymbol or IParameterSymbol && SymbolEqualityComparer.Default.Equals(Transfer.Location(operand), state.Imp.Owner)))
                {
                    return value ? null : state;
                }

                return RefineSubject(engine, state, isNull.Operand, BinaryOperatorKind.Equals, ValueFact.NullValue, value);
            case IPropertyReferenceOperation { Property.Name: "Succeeded" or "Failed" } property
                when FindResult(engine, state, property.Instance) is { } r:
                return ApplyOutcome(state, r, (property.Property.Name == "Succeeded") == value ? Outcome.Success : Outcome.Failure);
            case IInvocationOperation when c.Type?.SpecialType == SpecialType.System_Boolean:
            case ILocalReferenceOperation or IParameterReferenceOperation when c.Type?.SpecialType == SpecialType.System_Boolean:
                return RefineSubject(engine, state, c, BinaryOperatorKind.Equals, 1, value);
            default:
                return state;
        }
    }

    private static PathState? RefineSubject(FlowEngine engine, PathState state, IOperation subject, BinaryOperatorKind op, double constant, bool value)
    {
        subject = See(engine, subject) ?? subject;
        if (FindResult(engine, state, subject) is { } result)
        {
            var tested = result.HolderIsSuccessFlag ? FlagTest(result, op, constant, value) : result.WithTest(op, constant, value);
            if (tested is null)
            {
                return null;
            }

            state = Learn(state, result, tested);
        }

        var local = subject switch
        {
            ILocalReferenceOperation l => (ISymbol)l.Local,
            IParameterReferenceOperation p => p.Parameter,
            _ => null,
        };

        // Only locals that can correlate two branches are remembered (FlowEngine.TestedLocals).
        if (local is null || !engine.TestedLocals.Contains(local))
        {
            return state;
        }

        var fact = state.Facts.TryGetValue(local, out var known) ? known : ValueFact.Anything;
        var next = fact.Refine(op, constant, value);
        if (next is null)
        {
            return state;
        }

        return next.IsEmpty ? null : state.WithFact(local, next);
    }

    /// <summary>
    /// A test of a success flag (<c>bool ok = status == 0</c>): the flag is true exactly on success, so only a comparison
    /// with true or false decides anything.
    /// </summary>
    private static TrackedResult? FlagTest(TrackedResult result, BinaryOperatorKind op, double c, bool value)
    {
        if (!value)
        {
            op = ValueFact.Negate(op);
        }

        var outcome = op switch
        {
            BinaryOperatorKind.Equals when c == 1 => Outcome.Success,
            BinaryOperatorKind.Equals when c == 0 => Outcome.Failure,
            BinaryOperatorKind.NotEquals when c == 1 => Outcome.Failure,
            BinaryOperatorKind.NotEquals when c == 0 => Outcome.Success,
            _ => Outcome.Unknown,
        };
        return outcome == Outcome.Unknown ? result : result.WithOutcome(outcome);
    }

    /// <summary>The path learns the result's outcome; null when it contradicts an earlier test of the same result.</summary>
    public static PathState? ApplyOutcome(PathState state, TrackedResult result, Outcome outcome)
        => result.WithOutcome(outcome) is { } tested ? Learn(state, result, tested) : null;

    /// <summary>The path now knows <paramref name="tested"/> of the result it knew as <paramref name="result"/>.</summary>
    private static PathState Learn(PathState state, TrackedResult result, TrackedResult tested)
    {
        if (ReferenceEquals(result, tested))
        {
            return state;
        }

        state = Replace(state, result, tested);
        if (tested.Outcome == Outcome.Failure)
        {
            // A failed call did nothing: a retry is not a repeat, a failed impersonation needs no revert.
            if (result.Kind == ApiKind.Secure && result.Socket is { } socket)
            {
                state = state.WithSocket(socket, state.SocketOf(socket).Without(SocketEvents.Secured));
            }
            else if (result.Kind is ApiKind.PeerImpersonate or ApiKind.SspiImpersonate && state.Imp?.Begin == result.Call)
            {
                state = state.WithImp(null);
            }
        }

        return state;
    }

    public static PathState Replace(PathState state, TrackedResult old, TrackedResult updated)
    {
        var index = state.Results.IndexOf(old);
        return index < 0 ? state : state.WithResults(state.Results.SetItem(index, updated));
    }

    /// <summary>The tracked result an expression denotes: the call itself, or the local holding it.</summary>
    public static TrackedResult? FindResult(FlowEngine engine, PathState state, IOperation? operation, bool byHolder = true)
    {
        if (state.Results.IsEmpty)
        {
            return null;
        }

        operation = See(engine, operation);
        switch (operation)
        {
            case IInvocationOperation invocation:
                foreach (var r in state.Results)
                {
                    if (r.Call == invocation)
                    {
                        return r;
                    }
                }

                return null;
            case ILocalReferenceOperation or IParameterReferenceOperation when byHolder:
                var holder = operation is ILocalReferenceOperation l ? (ISymbol)l.Local : ((IParameterReferenceOperation)operation).Parameter;
                for (var i = state.Results.Count - 1; i >= 0; i--)
                {
                    if (state.Results[i].IsHeldIn(holder))
                    {
                        return state.Results[i];
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Sees through conversions, parentheses-like wrappers and flow captures.</summary>
    internal static IOperation? See(FlowEngine engine, IOperation? operation)
    {
        for (var i = 0; i < 8; i++)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IFlowCaptureReferenceOperation capture:
                    operation = engine.Captures.ValueOf(capture.Id);
                    continue;
                default:
                    return operation;
            }
        }

        return operation;
    }
}
