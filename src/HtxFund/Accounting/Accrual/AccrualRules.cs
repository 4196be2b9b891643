using HtxFund.Classification;
using HtxFund.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Accounting.Accrual;

/// <summary>
/// The pure rules of the month-end interest accrual (docs/accounting.md): a month is accrued once it has ended, while it
/// is open, and only when no later month's accrual is booked (the journal's true-up brings each loan's receivable to the
/// figures at the month end, so rebooking an open month posts only the difference).
/// </summary>
public static class AccrualRules
{
    /// <summary>The refusal of accruing <paramref name="month"/> with the books as they are, or null.</summary>
    public static ProblemDetails? Refusal(YearMonth month, FundBooks books, LocalDate today)
    {
        var text = ClassificationRuns.Format(month);
        if (ClassificationRuns.LastDay(month) >= today)
            return Problems.Unprocessable("month_not_ended",
                $"Tháng {Shown(month)} chưa kết thúc: chỉ trích lãi dự thu cho tháng đã qua.");
        if (books.IsClosed(text))
            return Problems.Conflict("month_closed",
                $"Tháng {Shown(month)} đã khoá sổ: không trích lãi dự thu được nữa (mở lại sổ tháng đó trước, nếu cần).");
        if (books.AccruedMonths.Where(m => string.CompareOrdinal(m, text) > 0).Max(StringComparer.Ordinal) is { } later)
            return Problems.Conflict("later_accrual_booked",
                $"Đã trích lãi dự thu của tháng {Shown(later)}, sau tháng {Shown(month)}: không trích lại tháng trước đó.");
        return null;
    }

    /// <summary>Whether the monthly job books <paramref name="month"/>: not booked yet and not refused.</summary>
    public static bool JobBooks(YearMonth month, FundBooks books, LocalDate today) =>
        !books.AccruedMonths.Contains(ClassificationRuns.Format(month)) && Refusal(month, books, today) is null;

    /// <summary>MM/yyyy, as people read a month.</summary>
    public static string Shown(YearMonth month) => $"{month.Month:D2}/{month.Year:D4}";

    private static string Shown(string month) =>
        ClassificationRunner.ParseMonth(month) is { } m ? Shown(m) : month;
}
