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
}

/// <summary>A money input for <c>Shared/_MoneyField</c>: <c>name</c> is the form field (e.g. <c>Input.Amount</c>).</summary>
public sealed record MoneyField(string Name, string Label, long? Value, string? Hint = null);
