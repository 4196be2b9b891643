using HtxFund.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using HtxFund.Classification;

namespace HtxFund.Accounting.Periods;

/// <summary>
/// When a month of the books may be closed and reopened (docs/accounting.md, "Periods"). Months are yyyy-MM. Closing is in
/// order: the first close may be any ended month, each later one the month after the latest closed (<see
/// cref="FundBooks.ClosedThrough"/>), and only once its interest accrual is booked; only the latest closed month is reopened.
/// Pure functions of the books, the month and the business day; null when the command may go ahead.
/// </summary>
public static class PeriodRules
{
    /// <summary>The month of "yyyy-MM" (from 1990), or null: months are read and written as the monthly classification's.</summary>
    public static YearMonth? Parse(string? month) => ClassificationRunner.ParseMonth(month?.Trim());

    public static string Format(YearMonth month) => ClassificationRuns.Format(month);

    /// <summary>How people read a month: MM/yyyy.</summary>
    public static string Display(YearMonth month) => $"{month.Month:00}/{month.Year}";

    public static LocalDate FirstDay(YearMonth month) => month.OnDayOfMonth(1);

    public static LocalDate LastDay(YearMonth month) => ClassificationRuns.LastDay(month);

    public static ProblemDetails BadMonth(string? month) =>
        Problems.Validation("month", "month.format", $"Kỳ kế toán \"{month}\" không hợp lệ. {ClassificationRuns.MonthFormatMessage}");

    /// <summary>Whether the chief accountant may close <paramref name="month"/> on <paramref name="today"/>.</summary>
    public static ProblemDetails? Close(FundBooks books, YearMonth month, LocalDate today)
    {
        var key = Format(month);
        var shown = Display(month);
        if (books.IsClosed(key))
            return Problems.Conflict("period.already_closed", $"Sổ kế toán tháng {shown} đã khoá.");
        if (LastDay(month) >= today)
            return Problems.Conflict("period.month_not_ended",
                $"Tháng {shown} chưa kết thúc (ngày cuối tháng {LastDay(month):dd/MM/yyyy}): chỉ khoá sổ tháng đã qua.");
        if (books.ClosedThrough is { } through && Parse(through) is { } last)
        {
            var next = last.PlusMonths(1);
            if (month > next)
                return Problems.Conflict("period.previous_month_open",
                    $"Tháng {Display(month.PlusMonths(-1))} chưa khoá sổ: khoá sổ lần lượt từng tháng, tháng tiếp theo cần khoá là {Display(next)}.",
                    new Dictionary<string, object?> { ["nextMonth"] = Format(next) });
            if (month < next)
                return Problems.Conflict("period.before_closed",
                    $"Tháng {shown} ở trước tháng đã khoá sổ gần nhất ({Display(last)}): không khoá sổ lùi.",
                    new Dictionary<string, object?> { ["nextMonth"] = Format(next) });
        }
        if (!books.AccruedMonths.Contains(key))
            return Problems.Conflict("period.accrual_missing",
                $"Chưa ghi sổ lãi dự thu cuối tháng {shown}: ghi sổ lãi dự thu của tháng trước khi khoá sổ.");
        return null;
    }

    /// <summary>Whether the Director may reopen <paramref name="month"/>: it is closed, and it is the latest closed month.</summary>
    public static ProblemDetails? Reopen(FundBooks books, YearMonth month)
    {
        var key = Format(month);
        if (!books.IsClosed(key))
            return Problems.Conflict("period.not_closed", $"Sổ kế toán tháng {Display(month)} chưa khoá: không có gì để mở lại.");
        if (books.ClosedThrough != key && Parse(books.ClosedThrough) is { } latest)
            return Problems.Conflict("period.not_latest_closed",
                $"Chỉ mở lại được tháng khoá sổ gần nhất ({Display(latest)}); mở lại lần lượt từ tháng đó.",
                new Dictionary<string, object?> { ["latestClosed"] = Format(latest) });
        return null;
    }
}
