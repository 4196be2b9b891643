using HtxFund.Applications;
using HtxFund.Applications.GettingDetails;
using HtxFund.Cooperatives;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Funds;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Tests.Applications;

/// <summary>What the decision letter and the credit contract both say of an application (<see cref="ApplicationLetters"/>).</summary>
public sealed class naming_an_application_in_its_letters
{
    private static readonly Guid MemberId = Guid.NewGuid();

    private static readonly CooperativeDetails Cooperative = new()
    {
        Id = Guid.NewGuid(), Name = "Hợp tác xã Nông nghiệp Ea Tu", Type = CooperativeType.HopTacXa, TaxCode = "6000123456",
        Province = "Đắk Lắk", District = "Buôn Ma Thuột", Address = "12 Lê Duẩn, Ea Tu", LegalRepresentative = "Y Bhim Niê",
        MainSector = "Cà phê", Priority = PriorityFlags.None,
        Members = [new CooperativeMemberView(MemberId, "H'Linh Byă", "066190001234", MembershipKind.Official, false, null, null, Instant.FromUtc(2026, 1, 5, 3, 0))],
    };

    private static LoanRequest Request(IReadOnlyList<HtxFund.Applications.Collateral> collateral, bool unsecured) =>
        new("Mua máy sấy cà phê", "Chế biến cà phê", 3_000_000_000, 1_000_000_000, 900_000_000, 36,
            RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 0, collateral, unsecured, PriorityFlags.None);

    private static ApplicationDetails Details(Guid? memberId, LoanRequest? request = null) =>
        new() { CooperativeId = Cooperative.Id, MemberId = memberId, Request = request ?? Request([], true) };

    [Fact]
    public void a_provincial_funds_letter_is_dated_at_its_province_a_central_funds_at_the_borrowers()
    {
        ApplicationLetters.Place(new Fund { Id = "lamdong", Name = "Quỹ tỉnh Lâm Đồng", Kind = FundKind.Provincial, ProvinceName = "Lâm Đồng" }, Cooperative)
            .ShouldBe("Lâm Đồng");
        ApplicationLetters.Place(new Fund { Id = "central", Name = "Quỹ Việt Nam", Kind = FundKind.Central }, Cooperative).ShouldBe("Đắk Lắk");
        ApplicationLetters.Place(null, Cooperative).ShouldBe("Đắk Lắk");
    }

    [Fact]
    public void a_cooperatives_application_names_the_cooperative_with_its_tax_code_and_representative() =>
        ApplicationLetters.Borrower(Details(null), Cooperative).ShouldBe(
            new("Hợp tác xã Nông nghiệp Ea Tu", "Hợp tác xã", "6000123456", "12 Lê Duẩn, Ea Tu", "Y Bhim Niê"));

    [Fact]
    public void a_members_application_names_the_member_as_a_member_of_the_cooperative_representing_himself() =>
        ApplicationLetters.Borrower(Details(MemberId), Cooperative).ShouldBe(
            new("H'Linh Byă", "Thành viên hợp tác xã Hợp tác xã Nông nghiệp Ea Tu", null, "12 Lê Duẩn, Ea Tu", "H'Linh Byă"));

    [Fact]
    public void a_member_no_longer_listed_leaves_the_cooperative_as_the_named_borrower() =>
        ApplicationLetters.Borrower(Details(Guid.NewGuid()), Cooperative).Name.ShouldBe("Hợp tác xã Nông nghiệp Ea Tu");

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void an_unsecured_request_or_one_without_collateral_states_the_unsecured_clause(bool unsecured, bool withCollateral) =>
        ApplicationLetters.CollateralSummary(Request(withCollateral ? [new(CollateralType.Machinery, "Máy sấy", 500_000_000)] : [], unsecured))
            .ShouldBe("Cho vay không có tài sản bảo đảm theo quy định nội bộ của Quỹ.");

    [Fact]
    public void a_secured_request_lists_each_item_with_its_appraised_value_in_dong() =>
        ApplicationLetters.CollateralSummary(Request(
            [new(CollateralType.LandUseRight, "Quyền sử dụng đất thửa 112", 1_500_000_000), new(CollateralType.Machinery, "Máy sấy", 500_000_000)], false))
            .ShouldBe("Quyền sử dụng đất thửa 112 (giá trị 1.500.000.000 ₫); Máy sấy (giá trị 500.000.000 ₫)");

    [Fact]
    public void the_schedule_rows_keep_their_numbers_dates_and_amounts_in_order()
    {
        var rows = ApplicationLetters.Schedule([
            new ScheduleRow(1, new LocalDate(2026, 2, 5), 25_000_000, 4_875_000, 29_875_000, 875_000_000),
            new ScheduleRow(2, new LocalDate(2026, 3, 5), 25_000_000, 4_400_000, 29_400_000, 850_000_000)]);

        rows.Select(r => (r.Number, r.DueDate, r.Principal, r.Interest, r.Total, r.BalanceAfter)).ShouldBe([
            (1, new LocalDate(2026, 2, 5), Money.Of(25_000_000), Money.Of(4_875_000), Money.Of(29_875_000), Money.Of(875_000_000)),
            (2, new LocalDate(2026, 3, 5), Money.Of(25_000_000), Money.Of(4_400_000), Money.Of(29_400_000), Money.Of(850_000_000))]);
    }
}
