using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureSockets.Analyzers.Catalog;

namespace SecureSockets.Analyzers.Model;

/// <summary>What a path knows of a status: success, failure, or not decided yet.</summary>
internal enum Outcome { Unknown, Success, Failure }

/// <summary>
/// The values a call's status can take, and which of them is success: a status is a value, and each test narrows it
/// (<c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&gt;=</c>, patterns), so a chain of partial tests adds up. Winsock
/// calls return 0 or SOCKET_ERROR (-1); every documented SSPI failure is a negative SECURITY_STATUS, so an
/// SSPI status is 0 or negative (an unsigned or enum status's high-bit values read as the negative codes they are);
/// a bool status is true on success. A test against a value the domain does not hold decides nothing.
/// </summary>
internal sealed class StatusDomain
{
    private static readonly StatusDomain Winsock = new(ValueFact.Between(-1, 0), success: 0, unsigned32: false);
    private static readonly StatusDomain WinsockUnsigned = new(ValueFact.Between(-1, 0), success: 0, unsigned32: true);
    private static readonly StatusDomain Negative = new(ValueFact.Anything.Refine(BinaryOperatorKind.LessThanOrEqual, 0, true)!, success: 0, unsigned32: false);
    private static readonly StatusDomain NegativeUnsigned = new(Negative.Universe, success: 0, unsigned32: true);
    private static readonly StatusDomain Flag = new(ValueFact.Between(0, 1), success: 1, unsigned32: false);

    private StatusDomain(ValueFact universe, double success, bool unsigned32)
    {
        Universe = universe;
        SuccessValue = success;
        Unsigned32 = unsigned32;
    }

    /// <summary>Every value the status can take.</summary>
    public ValueFact Universe { get; }

    public double SuccessValue { get; }

    private bool Unsigned32 { get; }

    /// <summary>
    /// The domain of a status of this call kind, convention and type. Winsock calls (and statuses of unknown origin, as a
    /// checker's parameter) are 0 / -1; SSPI calls and HRESULT-like structs are 0 / negative; bools are flags.
    /// </summary>
    public static StatusDomain For(ApiKind kind, ResultConvention convention, ITypeSymbol? type)
    {
        if (convention == ResultConvention.TrueIsSuccess)
        {
            return Flag;
        }

        var unsigned = IsUnsigned32(type);
        return kind == ApiKind.SspiImpersonate || convention == ResultConvention.HResultStruct
            ? (unsigned ? NegativeUnsigned : Negative)
            : (unsigned ? WinsockUnsigned : Winsock);
    }

    public Outcome OutcomeOf(ValueFact values)
        => !values.Contains(SuccessValue) ? Outcome.Failure : values.IsOnly(SuccessValue) ? Outcome.Success : Outcome.Unknown;

    /// <summary>The values after learning an outcome; null when the values already rule it out.</summary>
    public ValueFact? Narrow(ValueFact values, Outcome outcome) => outcome switch
    {
        Outcome.Success => values.Contains(SuccessValue) ? ValueFact.Exactly(SuccessValue) : null,
        Outcome.Failure => values.Refine(BinaryOperatorKind.NotEquals, SuccessValue, true) is { IsEmpty: false } failed ? failed : null,
        _ => values,
    };

    /// <summary>
    /// The values after learning that <c>status op constant</c> is <paramref name="value"/>: the same values when the
    /// test is outside what this domain models (an operator it does not know, a constant the status never takes), null
    /// when earlier tests on the path rule it out.
    /// </summary>
    public ValueFact? Narrow(ValueFact values, BinaryOperatorKind op, double constant, bool value)
    {
        constant = Normalize(constant);
        if (values.Refine(op, constant, value) is not { } narrowed)
        {
            return values;
        }

        if (!narrowed.IsEmpty)
        {
            return narrowed;
        }

        // Empty: a contradiction with an earlier test, or a test no status of this domain can pass at all.
        return Universe.Refine(op, constant, value) is { IsEmpty: true } ? values : null;
    }

    /// <summary>A 32-bit unsigned status (uint, or an enum over uint) holds SSPI's negative codes as large values.</summary>
    private double Normalize(double constant)
        => Unsigned32 && constant >= 2147483648d && constant <= 4294967295d ? constant - 4294967296d : constant;

    private static bool IsUnsigned32(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            type = underlying;
        }

        return type?.SpecialType == SpecialType.System_UInt32;
    }
}
