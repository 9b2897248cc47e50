using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureSockets.CodeFixes.Shared;

/// <summary>Recognizes a condition that is true exactly when a status shows failure (RULES.md "Results").</summary>
internal static class FailureTests
{
    /// <summary>
    /// <c>s != 0</c>, <c>s != SEC_E_OK</c>, <c>s == SOCKET_ERROR</c> (-1), <c>s &lt; 0</c>, <c>s != HRESULT.S_OK</c>,
    /// <c>s.Failed</c>, <c>!s.Succeeded</c>, <c>!s</c> (a bool status), where <paramref name="isSubject"/> says what s is.
    /// </summary>
    public static bool IsFailureTest(ExpressionSyntax condition, Func<ExpressionSyntax, bool> isSubject, SemanticModel model)
    {
        condition = Syntax.Unparenthesize(condition);
        switch (condition)
        {
            case BinaryExpressionSyntax binary:
                SyntaxKind kind;
                ExpressionSyntax other;
                if (isSubject(binary.Left))
                {
                    kind = binary.Kind();
                    other = binary.Right;
                }
                else if (isSubject(binary.Right))
                {
                    kind = Mirror(binary.Kind());
                    other = binary.Left;
                }
                else
                {
                    return false;
                }

                var constant = model.GetConstantValue(other);
                if (constant.HasValue && TryToLong(constant.Value, out var value))
                {
                    return kind switch
                    {
                        SyntaxKind.NotEqualsExpression => value == 0,
                        SyntaxKind.EqualsExpression => value == -1 || value == 0xFFFFFFFFL,
                        SyntaxKind.LessThanExpression => value == 0,
                        _ => false,
                    };
                }

                // hr != HRESULT.S_OK on a status struct.
                return kind == SyntaxKind.NotEqualsExpression
                       && Syntax.Unparenthesize(other) is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "S_OK" or "OK" or "SEC_E_OK" or "Success" or "NO_ERROR" };

            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Failed" } failed:
                return isSubject(failed.Expression);

            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                var operand = Syntax.Unparenthesize(not.Operand);
                if (operand is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Succeeded" } succeeded)
                {
                    return isSubject(succeeded.Expression);
                }

                return isSubject(operand) && model.GetTypeInfo(operand).Type?.SpecialType == SpecialType.System_Boolean;

            default:
                return false;
        }
    }

    private static SyntaxKind Mirror(SyntaxKind kind) => kind switch
    {
        SyntaxKind.LessThanExpression => SyntaxKind.GreaterThanExpression,
        SyntaxKind.GreaterThanExpression => SyntaxKind.LessThanExpression,
        SyntaxKind.LessThanOrEqualExpression => SyntaxKind.GreaterThanOrEqualExpression,
        SyntaxKind.GreaterThanOrEqualExpression => SyntaxKind.LessThanOrEqualExpression,
        _ => kind,
    };

    private static bool TryToLong(object? value, out long result)
    {
        switch (value)
        {
            case int i: result = i; return true;
            case uint u: result = u; return true;
            case long l: result = l; return true;
            case ulong ul: result = unchecked((long)ul); return true;
            case short s: result = s; return true;
            case ushort us: result = us; return true;
            case byte b: result = b; return true;
            case sbyte sb: result = sb; return true;
            default: result = 0; return false;
        }
    }
}
