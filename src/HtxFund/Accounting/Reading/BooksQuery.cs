using HtxFund.Infrastructure.Http;
using HtxFund.Lending.Accounting;
using HtxFund.Reports.Archive;
using Marten;
using NodaTime;

namespace HtxFund.Accounting.Reading;

/// <summary>A span of posting dates (inclusive) the books are read over.</summary>
public sealed record BooksPeriod(LocalDate From, LocalDate To)
{
    public int FromDay => Capital.CapitalLedgerEntry.DayOf(From);
    public int ToDay => Capital.CapitalLedgerEntry.DayOf(To);
}

/// <summary>What every read of the books checks and loads once: the period asked for, the export format, the chart in force.</summary>
public static class BooksQuery
{
    /// <summary>The longest span one read or export may cover.</summary>
    public const int MaxYears = 10;

    /// <summary>The period of <paramref name="from"/>..<paramref name="to"/> (yyyy-MM-dd): <c>to</c> defaults to
    /// <paramref name="today"/>, <c>from</c> to the first day of <c>to</c>'s month. Adds the refusals to <paramref name="errors"/>.</summary>
    public static BooksPeriod? Period(string? from, string? to, LocalDate today, List<FieldError> errors)
    {
        LocalDate? end = string.IsNullOrWhiteSpace(to) ? today : AsOf.Date(to);
        if (end is null) errors.Add(new FieldError("to", "period.to_format", $"Ngày kết thúc phải có {AsOf.Format}."));
        LocalDate? start = string.IsNullOrWhiteSpace(from) ? end?.With(DateAdjusters.StartOfMonth) : AsOf.Date(from);
        if (start is null && !string.IsNullOrWhiteSpace(from))
            errors.Add(new FieldError("from", "period.from_format", $"Ngày bắt đầu phải có {AsOf.Format}."));
        if (start is not { } s || end is not { } e) return null;
        if (s > e)
        {
            errors.Add(new FieldError("from", "period.from_after_to", "Ngày bắt đầu không được sau ngày kết thúc."));
            return null;
        }
        if (e >= s.PlusYears(MaxYears))
        {
            errors.Add(new FieldError("to", "period.too_long", $"Mỗi lần chỉ xem hoặc xuất được tối đa {MaxYears} năm sổ sách."));
            return null;
        }
        return new BooksPeriod(s, e);
    }

    /// <summary>The format asked for (default json) among <paramref name="allowed"/>, or a refusal in <paramref name="errors"/>.</summary>
    public static ReportFormat? Format(string? format, IReadOnlyCollection<ReportFormat> allowed, List<FieldError> errors)
    {
        var wanted = string.IsNullOrWhiteSpace(format) ? ReportFormat.Json : EnumText.Parse<ReportFormat>(format);
        if (wanted is { } f && allowed.Contains(f)) return f;
        errors.Add(new FieldError("format", "format.unknown",
            $"Định dạng phải là {string.Join(", ", allowed.Select(a => a.ToString().ToLowerInvariant()))}."));
        return null;
    }

    /// <summary>The chart of the setup in force (the books stream's inline snapshot; version 1 until another is adopted).</summary>
    public static async Task<ChartOfAccounts> ChartAsync(IQuerySession session, CancellationToken ct) =>
        (await session.LoadAsync<FundBooks>(FundBooks.StreamId, ct))?.Setup.Chart ?? AccountingDefaults.Chart;

    /// <summary>An account number as the chart writes them (digits, at most 10).</summary>
    public static bool IsAccountNumber(string? account) => account is { Length: > 0 and <= 10 } a && a.All(char.IsAsciiDigit);
}
