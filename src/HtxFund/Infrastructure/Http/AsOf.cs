using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;

namespace HtxFund.Infrastructure.Http;

/// <summary>The <c>asOf</c> query parameter (yyyy-MM-dd) of the as-of views, within the window of every date a
/// request carries (<see cref="RequestDates"/>).</summary>
public static class AsOf
{
    public static ProblemDetails Invalid => Problems.Validation("asOf", "as_of.format", $"Ngày phải có {Format}.");

    /// <summary>The date asked for, <paramref name="today"/> when absent, or null when malformed or outside the window.</summary>
    public static LocalDate? Parse(string? asOf, LocalDate today) => string.IsNullOrWhiteSpace(asOf) ? today : Date(asOf);

    /// <summary>A date of a query string (yyyy-MM-dd) within <see cref="RequestDates"/>, or null: every query-string date
    /// of the API is read here.</summary>
    public static LocalDate? Date(string text)
    {
        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        return parsed.Success && RequestDates.Contains(parsed.Value) ? parsed.Value : null;
    }

    /// <summary>"yyyy-MM-dd, e.g. 2026-06-30, between 01/01/1900 and 31/12/2100", for refusals.</summary>
    public static string Format => $"dạng yyyy-MM-dd, ví dụ 2026-06-30, trong khoảng {RequestDates.Earliest:dd/MM/yyyy} – {RequestDates.Latest:dd/MM/yyyy}";
}
