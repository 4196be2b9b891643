using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;

namespace HtxFund.Infrastructure.Http;

/// <summary>The <c>asOf</c> query parameter (yyyy-MM-dd) of the as-of views.</summary>
public static class AsOf
{
    public static ProblemDetails Invalid => Problems.Validation("asOf", "as_of.format", "Ngày phải có dạng yyyy-MM-dd, ví dụ 2026-06-30.");

    /// <summary>The date asked for, <paramref name="today"/> when absent, or null when malformed.</summary>
    public static LocalDate? Parse(string? asOf, LocalDate today)
    {
        if (string.IsNullOrWhiteSpace(asOf)) return today;
        var parsed = LocalDatePattern.Iso.Parse(asOf.Trim());
        return parsed.Success ? parsed.Value : null;
    }
}
