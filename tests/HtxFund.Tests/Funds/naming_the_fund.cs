using HtxFund.Funds;

namespace HtxFund.Tests.Funds;

/// <summary>The fund's name where letters, reports and mail print it (<see cref="Fund.NameOf"/>).</summary>
public sealed class naming_the_fund
{
    [Fact]
    public void a_known_fund_is_named_by_its_own_name() =>
        Fund.NameOf(new Fund { Id = "daklak", Name = "Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk", Kind = FundKind.Provincial })
            .ShouldBe("Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk");

    [Fact]
    public void a_fund_not_found_is_named_generically_in_vietnamese() =>
        Fund.NameOf(null).ShouldBe("Quỹ hỗ trợ phát triển hợp tác xã");
}
