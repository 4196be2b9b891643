using System.Globalization;
using NodaTime;

namespace HtxFund.Lending.Accounting;

/// <summary>Where a movement is posted given the months already closed (kỳ kế toán đã khoá sổ): months are yyyy-MM, closed
/// in order, so every month up to the latest closed one (<c>ClosedThrough</c>) is closed.</summary>
public static class AccountingPeriods
{
    /// <summary>The accounting period of <paramref name="date"/>: yyyy-MM.</summary>
    public static string MonthOf(LocalDate date) => date.ToString("yyyy'-'MM", CultureInfo.InvariantCulture);

    /// <summary>The first day of <paramref name="month"/> (yyyy-MM).</summary>
    public static LocalDate FirstDayOf(string month) =>
        LocalDate.FromDateTime(DateTime.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>The latest of <paramref name="closedMonths"/>, or null when none is closed.</summary>
    public static string? ClosedThrough(IEnumerable<string> closedMonths) =>
        closedMonths.DefaultIfEmpty().Max(StringComparer.Ordinal);

    /// <summary>Whether a movement of <paramref name="businessDate"/> falls in a closed month: its month is on or before the
    /// latest closed month (a month before the first closed one is behind a closed month's opening balances too).</summary>
    public static bool IsClosed(LocalDate businessDate, string? closedThrough) =>
        closedThrough is not null && string.CompareOrdinal(MonthOf(businessDate), closedThrough) <= 0;

    /// <summary>The date a movement of <paramref name="businessDate"/> is posted at: the date itself, or when its month is
    /// closed, the first day of the first open month (the month after the latest closed one): an adjusting entry.</summary>
    public static LocalDate PostingDate(LocalDate businessDate, string? closedThrough) =>
        IsClosed(businessDate, closedThrough) ? FirstDayOf(closedThrough!).PlusMonths(1) : businessDate;

    /// <inheritdoc cref="PostingDate(LocalDate, string?)"/>
    public static LocalDate PostingDate(LocalDate businessDate, IEnumerable<string> closedMonths) =>
        PostingDate(businessDate, ClosedThrough(closedMonths));
}
