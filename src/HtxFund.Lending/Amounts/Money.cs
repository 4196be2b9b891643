using System.Globalization;

namespace HtxFund.Lending;

/// <summary>How a decimal amount becomes whole đồng.</summary>
public enum Rounding
{
    /// <summary>Half away from zero: 0.5 → 1, −0.5 → −1. The default everywhere unless a rule says otherwise.</summary>
    HalfAwayFromZero,

    /// <summary>Banker's rounding, half to even. Offered for reconciliation with systems that use it.</summary>
    HalfToEven,

    /// <summary>Toward zero (truncate). Used where the result must never exceed the exact value, e.g. a limit.</summary>
    Down,

    /// <summary>Away from zero (ceiling for positive amounts). Used where the result must never fall short, e.g. a minimum.</summary>
    Up,
}

/// <summary>
/// An amount of Vietnamese đồng in whole đồng. Lending and collection are in VND only (Decree 45/2021 Art 25.1.c),
/// and the đồng has no subunit in use, so amounts are whole numbers held in a <see cref="long"/>.
/// No floating point is used anywhere: conversions from <see cref="decimal"/> go through <see cref="Round"/>.
/// Arithmetic is checked, so an overflow throws instead of wrapping.
/// </summary>
public readonly record struct Money(long Dong) : IComparable<Money>
{
    private static readonly NumberFormatInfo DotThousands = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
    };

    public static Money Zero => default;

    public static Money Of(long dong) => new(dong);

    public bool IsZero => Dong == 0;
    public bool IsPositive => Dong > 0;
    public bool IsNegative => Dong < 0;

    /// <summary>Rounds an exact decimal amount of đồng to whole đồng.</summary>
    public static Money Round(decimal dong, Rounding rounding = Rounding.HalfAwayFromZero)
    {
        var whole = rounding switch
        {
            Rounding.HalfAwayFromZero => decimal.Round(dong, 0, MidpointRounding.AwayFromZero),
            Rounding.HalfToEven => decimal.Round(dong, 0, MidpointRounding.ToEven),
            Rounding.Down => decimal.Truncate(dong),
            Rounding.Up => dong >= 0 ? decimal.Ceiling(dong) : decimal.Floor(dong),
            _ => throw new ArgumentOutOfRangeException(nameof(rounding), rounding, "Unknown rounding mode."),
        };
        return new Money(decimal.ToInt64(whole));
    }

    /// <summary><paramref name="percent"/> % of this amount, rounded to whole đồng.</summary>
    public Money Percent(decimal percent, Rounding rounding = Rounding.HalfAwayFromZero) =>
        Round(Dong * percent / 100m, rounding);

    public static Money Min(Money a, Money b) => a.Dong <= b.Dong ? a : b;
    public static Money Max(Money a, Money b) => a.Dong >= b.Dong ? a : b;

    public static Money Sum(IEnumerable<Money> amounts)
    {
        long total = 0;
        foreach (var amount in amounts)
            total = checked(total + amount.Dong);
        return new Money(total);
    }

    public static Money operator +(Money a, Money b) => new(checked(a.Dong + b.Dong));
    public static Money operator -(Money a, Money b) => new(checked(a.Dong - b.Dong));
    public static Money operator -(Money a) => new(checked(-a.Dong));
    public static Money operator *(Money a, long factor) => new(checked(a.Dong * factor));
    public static bool operator <(Money a, Money b) => a.Dong < b.Dong;
    public static bool operator >(Money a, Money b) => a.Dong > b.Dong;
    public static bool operator <=(Money a, Money b) => a.Dong <= b.Dong;
    public static bool operator >=(Money a, Money b) => a.Dong >= b.Dong;

    public int CompareTo(Money other) => Dong.CompareTo(other.Dong);

    /// <summary>The amount as people write it in Vietnam: <c>1.500.000.000 ₫</c> (dot thousands separator, space, ₫).</summary>
    public string ToDisplayString() => Dong.ToString("#,0", DotThousands) + " ₫";

    /// <summary>The amount in Vietnamese words, e.g. "Một tỷ năm trăm triệu đồng".</summary>
    public string ToVietnameseWords(ZeroTensWord zeroTens = ZeroTensWord.Linh) =>
        VietnameseAmountInWords.Read(this, zeroTens);

    public override string ToString() => ToDisplayString();
}
