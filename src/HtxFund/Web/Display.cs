using HtxFund.Documents.Formatting;
using HtxFund.Infrastructure.Time;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Web;

/// <summary>How pages show values to people: the same wording as the PDFs (<see cref="VietnameseFormat"/>).</summary>
public static class Display
{
    /// <summary>22/11/2026.</summary>
    public static string Date(LocalDate date) => VietnameseFormat.Date(date);
    public static string Date(LocalDate? date) => date is { } d ? Date(d) : "—";

    /// <summary>22/11/2026 10:00 in the fund's time zone.</summary>
    public static string DateTime(Instant at, BusinessTime time) =>
        at.InZone(time.Zone).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>1.500.000.000 ₫.</summary>
    public static string Money(long dong) => VietnameseFormat.Money(Lending.Money.Of(dong));
    public static string Money(long? dong) => dong is { } d ? Money(d) : "—";
    public static string Money(Money amount) => VietnameseFormat.Money(amount);

    /// <summary>1.500.000.000 (for an input's value: the money binder reads it back).</summary>
    public static string MoneyInput(long? dong) => dong is { } d ? VietnameseFormat.Amount(Lending.Money.Of(d)) : "";

    public static string Percent(decimal percent) => VietnameseFormat.Percent(percent);
    public static string Months(int months) => VietnameseFormat.Months(months);
    public static string Method(RepaymentMethod method) => VietnameseFormat.RepaymentMethod(method);
    public static string Frequency(RepaymentFrequency frequency) => VietnameseFormat.RepaymentFrequency(frequency);
    public static string Role(string role) => Identity.Roles.DisplayName(role);

    /// <summary>Thứ Hai … Chủ nhật.</summary>
    public static string Weekday(LocalDate date) => date.DayOfWeek switch
    {
        IsoDayOfWeek.Monday => "Thứ Hai",
        IsoDayOfWeek.Tuesday => "Thứ Ba",
        IsoDayOfWeek.Wednesday => "Thứ Tư",
        IsoDayOfWeek.Thursday => "Thứ Năm",
        IsoDayOfWeek.Friday => "Thứ Sáu",
        IsoDayOfWeek.Saturday => "Thứ Bảy",
        _ => "Chủ nhật",
    };

    /// <summary>Why a day is off: by the Labour Code's rules, compensating one on a rest day, or as announced.</summary>
    public static string Basis(HolidayBasis basis) => basis switch
    {
        HolidayBasis.Statutory => "Theo luật",
        HolidayBasis.Compensatory => "Nghỉ bù",
        _ => "Theo thông báo",
    };

    /// <summary>Dates as runs: "25/01/2025 – 02/02/2025, 26/04/2025".</summary>
    public static string DateRanges(IEnumerable<LocalDate> dates)
    {
        var runs = new List<string>();
        LocalDate? first = null, last = null;
        foreach (var date in dates.Distinct().Order())
        {
            if (last is { } l && date == l.PlusDays(1)) { last = date; continue; }
            if (first is { } f) runs.Add(f == last ? Date(f) : $"{Date(f)} – {Date(last!.Value)}");
            first = last = date;
        }
        if (first is { } start) runs.Add(start == last ? Date(start) : $"{Date(start)} – {Date(last!.Value)}");
        return runs.Count == 0 ? "—" : string.Join(", ", runs);
    }
}

/// <summary>A money input for <c>Shared/_MoneyField</c>: <c>name</c> is the form field (e.g. <c>Input.Amount</c>).</summary>
public sealed record MoneyField(string Name, string Label, long? Value, string? Hint = null);
