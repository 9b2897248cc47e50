using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Model;

/// <summary>
/// The one definition of what a test of a status is and what it implies (success conventions differ by binding; chains
/// of partial tests add up), read by the flow engine on every branch and by the code fixes when they look for an
/// existing check.
/// </summary>
internal static class StatusTests
{
    /// <summary>
    /// A comparison of a subject with a constant: <c>s op c</c>, <c>c op s</c>, a success-named member
    /// (<c>hr == HRESULT.S_OK</c>) read as 0, and the patterns <c>s is c</c>, <c>s is &lt; c</c>, <c>s is not …</c>.
    /// </summary>
    public static bool TryReadComparison(IOperation condition, out IOperation subject, out BinaryOperatorKind op, out double constant)
    {
        switch (condition)
        {
            case IBinaryOperation binary when binary.OperatorKind is not (BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr
                                                                          or BinaryOperatorKind.And or BinaryOperatorKind.Or):
                if (ConstantOf(binary.RightOperand) is { } right)
                {
                    (subject, op, constant) = (binary.LeftOperand, binary.OperatorKind, right);
                    return true;
                }

                if (ConstantOf(binary.LeftOperand) is { } left)
                {
                    (subject, op, constant) = (binary.RightOperand, ValueFact.Mirror(binary.OperatorKind), left);
                    return true;
                }

                if (binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals)
                {
                    if (IsSuccessValue(binary.RightOperand))
                    {
                        (subject, op, constant) = (binary.LeftOperand, binary.OperatorKind, 0);
                        return true;
                    }

                    if (IsSuccessValue(binary.LeftOperand))
                    {
                        (subject, op, constant) = (binary.RightOperand, binary.OperatorKind, 0);
                        return true;
                    }
                }

                break;
            case IIsPatternOperation pattern:
                subject = pattern.Value;
                return TryReadPattern(pattern.Pattern, out op, out constant);
        }

        (subject, op, constant) = (condition, BinaryOperatorKind.None, 0);
        return false;
    }

    private static bool TryReadPattern(IPatternOperation pattern, out BinaryOperatorKind op, out double constant)
    {
        switch (pattern)
        {
            case INegatedPatternOperation negated when TryReadPattern(negated.Pattern, out var inner, out constant):
                op = ValueFact.Negate(inner);
                return op != BinaryOperatorKind.None;
            case IConstantPatternOperation constantPattern when ConstantOf(constantPattern.Value) is { } c:
                (op, constant) = (BinaryOperatorKind.Equals, c);
                return true;
            case IRelationalPatternOperation relational when ConstantOf(relational.Value) is { } r:
                (op, constant) = (relational.OperatorKind, r);
                return true;
            default:
                (op, constant) = (BinaryOperatorKind.None, 0);
                return false;
        }
    }

    /// <summary>
    /// Is <paramref name="condition"/> a complete failure test of the status <paramref name="isSubject"/> picks out: true
    /// exactly when the call failed, within the status's <paramref name="domain"/> (<c>!= 0</c>, <c>&lt; 0</c>,
    /// <c>== SOCKET_ERROR</c> for Winsock, <c>.Failed</c>, <c>!.Succeeded</c>, <c>!ok</c> for a bool status)? A test that
    /// excludes only some failure values is not one.
    /// </summary>
    public static bool IsFailureTest(IOperation condition, Func<IOperation, bool> isSubject, StatusDomain domain)
        => OutcomeWhen(condition, isSubject, domain, true) == Outcome.Failure && OutcomeWhen(condition, isSubject, domain, false) == Outcome.Success;

    /// <summary>What <c>condition == value</c> says of the status's outcome (Unknown when it is no test of it).</summary>
    private static Outcome OutcomeWhen(IOperation condition, Func<IOperation, bool> isSubject, StatusDomain domain, bool value)
    {
        condition = Arguments.StripConversions(condition)!;
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return OutcomeWhen(not.Operand, isSubject, domain, !value);
            case IPropertyReferenceOperation { Property.Name: "Succeeded" or "Failed" } property when property.Instance is { } instance && isSubject(Arguments.StripConversions(instance)!):
                return (property.Property.Name == "Succeeded") == value ? Outcome.Success : Outcome.Failure;
            case var _ when isSubject(condition) && condition.Type?.SpecialType == SpecialType.System_Boolean:
                return domain.OutcomeOf(domain.Narrow(domain.Universe, BinaryOperatorKind.Equals, 1, value) ?? domain.Universe);
            case var _ when TryReadComparison(condition, out var subject, out var op, out var constant) && isSubject(Arguments.StripConversions(subject)!):
                return domain.Narrow(domain.Universe, op, constant, value) is { } values ? domain.OutcomeOf(values) : Outcome.Unknown;
            default:
                return Outcome.Unknown;
        }
    }

    /// <summary>A numeric, bool, enum or null constant as a double (null = <see cref="ValueFact.NullValue"/>).</summary>
    public static double? ConstantOf(IOperation? operation)
    {
        if (operation is null || !operation.ConstantValue.HasValue)
        {
            return null;
        }

        switch (operation.ConstantValue.Value)
        {
            case null:
                return ValueFact.NullValue;
            case bool b:
                return b ? 1 : 0;
            case double d:
                return d;
            case float f:
                return f;
            case char ch:
                return ch;
            case var v:
                return Arguments.TryToLong(v, out var l) ? l : null;
        }
    }

    /// <summary>A member named as the success value (<c>S_OK</c>, <c>SEC_E_OK</c>, <c>Success</c>, …) of a status struct.</summary>
    private static bool IsSuccessValue(IOperation operation)
    {
        var name = operation switch
        {
            IFieldReferenceOperation f => f.Field.Name,
            IPropertyReferenceOperation p => p.Property.Name,
            _ => null,
        };
        return name is "S_OK" or "SEC_E_OK" or "Success" or "NO_ERROR" or "Ok" or "OK";
    }
}
