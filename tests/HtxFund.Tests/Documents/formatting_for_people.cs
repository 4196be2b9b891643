using HtxFund.Documents;
using HtxFund.Documents.Formatting;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Tests.Documents;

public class formatting_for_people
{
    [Fact]
    public void dates_are_written_day_month_year()
    {
        VietnameseFormat.Date(new LocalDate(2027, 1, 4)).ShouldBe("04/01/2027");
        VietnameseFormat.Date(new LocalDate(2026, 11, 22)).ShouldBe("22/11/2026");
    }

    [Fact]
    public void the_long_date_pads_days_below_ten_and_the_first_two_months()
    {
        VietnameseFormat.LongDate(new LocalDate(2026, 11, 22)).ShouldBe("ngày 22 tháng 11 năm 2026");
        VietnameseFormat.LongDate(new LocalDate(2027, 2, 5)).ShouldBe("ngày 05 tháng 02 năm 2027");
        VietnameseFormat.LongDate(new LocalDate(2027, 3, 15)).ShouldBe("ngày 15 tháng 3 năm 2027");
        VietnameseFormat.PlaceAndDate("Đắk Lắk", new LocalDate(2026, 11, 22)).ShouldBe("Đắk Lắk, ngày 22 tháng 11 năm 2026");
    }

    [Fact]
    public void money_rates_and_terms_read_the_vietnamese_way()
    {
        VietnameseFormat.Money(Money.Of(1_500_000_000)).ShouldBe("1.500.000.000 ₫");
        VietnameseFormat.Amount(Money.Of(1_500_000_000)).ShouldBe("1.500.000.000");
        VietnameseFormat.Amount(Money.Zero).ShouldBe("0");
        VietnameseFormat.AnnualRate(6.5m).ShouldBe("6,5 %/năm");
        VietnameseFormat.AnnualRate(9.75m).ShouldBe("9,75 %/năm");
        VietnameseFormat.Percent(15m).ShouldBe("15 %");
        VietnameseFormat.Months(36).ShouldBe("36 tháng");
        VietnameseFormat.PageNumber(new PageInfo(2, 5)).ShouldBe("Trang 2/5");
    }

    [Fact]
    public void repayment_methods_and_frequencies_are_named_in_vietnamese()
    {
        foreach (var method in Enum.GetValues<RepaymentMethod>())
            VietnameseFormat.RepaymentMethod(method).ShouldNotBeNullOrWhiteSpace();
        foreach (var frequency in Enum.GetValues<RepaymentFrequency>())
            VietnameseFormat.RepaymentFrequency(frequency).ShouldNotBeNullOrWhiteSpace();
        VietnameseFormat.RepaymentFrequency(RepaymentFrequency.Quarterly).ShouldBe("Hằng quý");
    }
}
