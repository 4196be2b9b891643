using System.Globalization;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Documents.Formatting;

/// <summary>How dates, amounts, rates and terms are written for people in the fund's documents.</summary>
public static class VietnameseFormat
{
    private static readonly NumberFormatInfo CommaDecimal = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    /// <summary>22/11/2026.</summary>
    public static string Date(LocalDate date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// "ngày 22 tháng 11 năm 2026". Days below 10 and the months 1 and 2 take a leading zero, as Decree 30/2020/NĐ-CP
    /// (Appendix I) prescribes for administrative documents: "ngày 05 tháng 02 năm 2027", "ngày 15 tháng 3 năm 2027".
    /// </summary>
    public static string LongDate(LocalDate date)
    {
        var month = date.Month <= 2 ? date.Month.ToString("00", CultureInfo.InvariantCulture) : date.Month.ToString(CultureInfo.InvariantCulture);
        return $"ngày {date.Day:00} tháng {month} năm {date.Year}";
    }

    /// <summary>"Đắk Lắk, ngày 22 tháng 11 năm 2026".</summary>
    public static string PlaceAndDate(string place, LocalDate date) => $"{place}, {LongDate(date)}";

    /// <summary>"1.500.000.000 ₫".</summary>
    public static string Money(Money amount) => amount.ToDisplayString();

    /// <summary>"1.500.000.000" for table cells whose unit is stated once (đồng).</summary>
    public static string Amount(Money amount) => amount.ToDisplayString().Replace(" ₫", "", StringComparison.Ordinal);

    /// <summary>"6,5 %".</summary>
    public static string Percent(decimal percent) => percent.ToString("0.####", CommaDecimal) + " %";

    /// <summary>"6,5 %/năm".</summary>
    public static string AnnualRate(decimal percent) => Percent(percent) + "/năm";

    /// <summary>"9 %/năm (bằng 150 % lãi suất cho vay trong hạn)": the rate on overdue principal, absolute and as a share of the in-term rate.</summary>
    public static string OverdueRate(decimal annualPercent, decimal percentOfInTermRate) =>
        $"{AnnualRate(annualPercent)} (bằng {Percent(percentOfInTermRate)} lãi suất cho vay trong hạn)";

    /// <summary>"10 %/năm trên số tiền lãi chậm trả, tính theo số ngày chậm trả" (Circular 39/2016 Art 13.4).</summary>
    public static string LateInterestRate(decimal annualPercent) =>
        $"{AnnualRate(annualPercent)} trên số tiền lãi chậm trả, tính theo số ngày chậm trả";

    /// <summary>"36 tháng".</summary>
    public static string Months(int months) => $"{months.ToString(CultureInfo.InvariantCulture)} tháng";

    /// <summary>"Trang 2/5".</summary>
    public static string PageNumber(PageInfo page) => $"Trang {page.Number}/{page.Count}";

    public static string RepaymentMethod(RepaymentMethod method) => method switch
    {
        Lending.RepaymentMethod.EqualPrincipal => "Trả gốc đều hằng kỳ, lãi tính trên dư nợ giảm dần",
        Lending.RepaymentMethod.Annuity => "Trả góp đều (gốc và lãi bằng nhau mỗi kỳ)",
        Lending.RepaymentMethod.Bullet => "Trả gốc một lần khi đến hạn, lãi trả theo kỳ",
        Lending.RepaymentMethod.Custom => "Trả gốc theo lịch thỏa thuận",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown repayment method."),
    };

    public static string RepaymentFrequency(RepaymentFrequency frequency) => frequency switch
    {
        Lending.RepaymentFrequency.Monthly => "Hằng tháng",
        Lending.RepaymentFrequency.Quarterly => "Hằng quý",
        Lending.RepaymentFrequency.SemiAnnual => "06 tháng một lần",
        Lending.RepaymentFrequency.AtMaturity => "Một lần khi đến hạn",
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown repayment frequency."),
    };
}
