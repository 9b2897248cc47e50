using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Operations;

namespace SecureSockets.Analyzers.Model;

/// <summary>Three-valued answer of a condition on a path.</summary>
internal enum Truth { Unknown, True, False }

/// <summary>
/// What a path knows of one unchanged local or parameter that some branch of the method tests (so correlated
/// branches are taken consistently): an interval plus excluded points. Booleans are 0/1, null is <see cref="NullValue"/>.
/// </summary>
internal sealed class ValueFact : IEquatable<ValueFact>
{
    public const double NullValue = double.MinValue;

    public static readonly ValueFact Anything = new(double.NegativeInfinity, true, double.PositiveInfinity, true, ImmutableHashSet<double>.Empty);

    private ValueFact(double lo, bool loInclusive, double hi, bool hiInclusive, ImmutableHashSet<double> excluded)
    {
        Lo = lo;
        LoInclusive = loInclusive;
        Hi = hi;
        HiInclusive = hiInclusive;
        Excluded = excluded;
    }

    public double Lo { get; }
    public bool LoInclusive { get; }
    public double Hi { get; }
    public bool HiInclusive { get; }
    public ImmutableHashSet<double> Excluded { get; }

    public static ValueFact Exactly(double value) => new(value, true, value, true, ImmutableHashSet<double>.Empty);

    public bool IsEmpty => Lo > Hi || (Lo == Hi && (!LoInclusive || !HiInclusive || Excluded.Contains(Lo)));

    public bool Contains(double v)
        => (v > Lo || (v == Lo && LoInclusive)) && (v < Hi || (v == Hi && HiInclusive)) && !Excluded.Contains(v);

    /// <summary>An interval from <paramref name="lo"/> to <paramref name="hi"/>, both included.</summary>
    public static ValueFact Between(double lo, double hi) => new(lo, true, hi, true, ImmutableHashSet<double>.Empty);

    /// <summary>
    /// Is <paramref name="value"/> the only integer left (statuses, flags and enum members are integers)? False when it is
    /// excluded, or when the range holds another integer; a range wider than a few dozen integers always holds one.
    /// </summary>
    public bool IsOnly(double value)
    {
        if (!Contains(value))
        {
            return false;
        }

        var lo = LoInclusive ? Math.Ceiling(Lo) : Math.Floor(Lo) + 1;
        var hi = HiInclusive ? Math.Floor(Hi) : Math.Ceiling(Hi) - 1;
        if (hi - lo > 64)
        {
            return false;
        }

        for (var v = lo; v <= hi; v++)
        {
            if (v != value && !Excluded.Contains(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What either side allows (the join of two paths): the hull of both ranges, less the points neither allows.</summary>
    public ValueFact Join(ValueFact other)
    {
        if (Equals(other))
        {
            return this;
        }

        var (lo, loInc) = Lo < other.Lo ? (Lo, LoInclusive) : other.Lo < Lo ? (other.Lo, other.LoInclusive) : (Lo, LoInclusive || other.LoInclusive);
        var (hi, hiInc) = Hi > other.Hi ? (Hi, HiInclusive) : other.Hi > Hi ? (other.Hi, other.HiInclusive) : (Hi, HiInclusive || other.HiInclusive);
        var excluded = ImmutableHashSet<double>.Empty;
        foreach (var point in Excluded.Union(other.Excluded))
        {
            if (!Contains(point) && !other.Contains(point))
            {
                excluded = excluded.Add(point);
            }
        }

        return new ValueFact(lo, loInc, hi, hiInc, excluded);
    }

    /// <summary>Is <c>x op c</c> decided by what we know of x?</summary>
    public Truth Evaluate(BinaryOperatorKind op, double c)
    {
        var whenTrue = Refine(op, c, true);
        var whenFalse = Refine(op, c, false);
        if (whenTrue is null || whenTrue.IsEmpty)
        {
            return Truth.False;
        }

        if (whenFalse is null || whenFalse.IsEmpty)
        {
            return Truth.True;
        }

        return Truth.Unknown;
    }

    /// <summary>The fact after learning that <c>x op c</c> is <paramref name="value"/>; null when the operator is not modelled.</summary>
    public ValueFact? Refine(BinaryOperatorKind op, double c, bool value)
    {
        if (!value)
        {
            op = Negate(op);
        }

        switch (op)
        {
            case BinaryOperatorKind.Equals:
                return Contains(c) ? Exactly(c) : new ValueFact(1, true, 0, true, ImmutableHashSet<double>.Empty);
            case BinaryOperatorKind.NotEquals:
                return new ValueFact(Lo, LoInclusive, Hi, HiInclusive, Excluded.Add(c));
            case BinaryOperatorKind.LessThan:
                return Narrow(Lo, LoInclusive, c, false);
            case BinaryOperatorKind.LessThanOrEqual:
                return Narrow(Lo, LoInclusive, c, true);
            case BinaryOperatorKind.GreaterThan:
                return Narrow(c, false, Hi, HiInclusive);
            case BinaryOperatorKind.GreaterThanOrEqual:
                return Narrow(c, true, Hi, HiInclusive);
            default:
                return null;
        }
    }

    private ValueFact Narrow(double lo, bool loInc, double hi, bool hiInc)
    {
        // Intersect [Lo, Hi] with the new bounds: the larger lower bound, the smaller upper bound.
        if (Lo > lo)
        {
            lo = Lo;
            loInc = LoInclusive;
        }
        else if (Lo == lo)
        {
            loInc = loInc && LoInclusive;
        }

        if (Hi < hi)
        {
            hi = Hi;
            hiInc = HiInclusive;
        }
        else if (Hi == hi)
        {
            hiInc = hiInc && HiInclusive;
        }

        return new ValueFact(lo, loInc, hi, hiInc, Excluded);
    }

    public static BinaryOperatorKind Negate(BinaryOperatorKind op) => op switch
    {
        BinaryOperatorKind.Equals => BinaryOperatorKind.NotEquals,
        BinaryOperatorKind.NotEquals => BinaryOperatorKind.Equals,
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThanOrEqual,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThanOrEqual,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThan,
        _ => BinaryOperatorKind.None,
    };

    /// <summary>c op x  ==  x Mirror(op) c.</summary>
    public static BinaryOperatorKind Mirror(BinaryOperatorKind op) => op switch
    {
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
        _ => op,
    };

    public bool Equals(ValueFact? other)
        => other is not null && Lo.Equals(other.Lo) && Hi.Equals(other.Hi) && LoInclusive == other.LoInclusive
           && HiInclusive == other.HiInclusive && SameExcluded(other.Excluded);

    // SetEquals copies its argument into a new set: joins compare facts constantly, and excluded sets hold a value or two.
    private bool SameExcluded(ImmutableHashSet<double> other)
    {
        if (ReferenceEquals(Excluded, other))
        {
            return true;
        }

        if (Excluded.Count != other.Count)
        {
            return false;
        }

        foreach (var value in other)
        {
            if (!Excluded.Contains(value))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ValueFact);

    public override int GetHashCode() => Lo.GetHashCode() ^ (Hi.GetHashCode() * 31) ^ Excluded.Count;
}
