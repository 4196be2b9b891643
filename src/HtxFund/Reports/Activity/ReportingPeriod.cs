using System.Globalization;
using HtxFund.Reports.Archive;
using NodaTime;

namespace HtxFund.Reports.Activity;

/// <summary>
/// A reporting period of Decree 45/2021 Art 44: the first half of a year (data cut-off 30 June, report due by 31 July)
/// or the whole year (cut-off 31 December, due within 90 days). Written "2026-H1" or "2026".
/// </summary>
public sealed record ReportingPeriod(int Year, bool HalfYear)
{
    public LocalDate From => new(Year, 1, 1);
    public LocalDate CutOff => HalfYear ? new LocalDate(Year, 6, 30) : new LocalDate(Year, 12, 31);
    public LocalDate DueBy => HalfYear ? new LocalDate(Year, 7, 31) : CutOff.PlusDays(90);
    public string Code => HalfYear ? $"{Year:D4}-H1" : Year.ToString("D4", CultureInfo.InvariantCulture);
    public ReportKind Kind => HalfYear ? ReportKind.HalfYearActivity : ReportKind.AnnualActivity;
    public string Name => HalfYear ? $"6 tháng đầu năm {Year}" : $"năm {Year}";

    public static ReportingPeriod? Parse(string? text)
    {
        text = text?.Trim() ?? "";
        var half = text.EndsWith("-H1", StringComparison.OrdinalIgnoreCase);
        var year = half ? text[..^3] : text;
        return year.Length == 4 && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 2000
            ? new ReportingPeriod(y, half) : null;
    }

    /// <summary>The half-year period the July job reports on: this year's first half once 30 June has passed, else last year's.</summary>
    public static ReportingPeriod LatestHalfYear(LocalDate today) => new(today.Month > 6 ? today.Year : today.Year - 1, true);

    /// <summary>The last full year before <paramref name="today"/>.</summary>
    public static ReportingPeriod LatestYear(LocalDate today) => new(today.Year - 1, false);
}
