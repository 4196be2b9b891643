using HtxFund.Cooperatives;
using HtxFund.Lending;
using HtxFund.Migration;
using HtxFund.Reference;
using NodaTime;

namespace HtxFund.Tests.Migration.Support;

/// <summary>Small, valid loan book models (hand-made figures) for the reader's and the upload's tests.</summary>
public static class LoanBookSamples
{
    public static readonly LocalDate CutOver = new(2026, 10, 31);

    /// <summary>A valid tax code from a 9-digit seed (taking the next seed when one has no check digit).</summary>
    public static string TaxCodeFrom(int seed)
    {
        for (var s = seed; ; s++)
        {
            try { return TaxCode.Generate("61" + s.ToString("D7")); }
            catch (ArgumentException) { }
        }
    }

    public static ImportedCooperative Cooperative(int row, string taxCode, string name = "HTX Nông nghiệp Ea Kao") => new(row, taxCode, name,
        CooperativeType.HopTacXa, "Đắk Lắk", "Buôn Ma Thuột", "Thôn 3, xã Ea Kao", new LocalDate(2015, 6, 1), "Nguyễn Văn An", 25,
        "Cà phê", PriorityFlags.None with { OcopProduct = true }, "htx.eakao@example.vn", "+84912345678");

    public static ImportedMember Member(int row, string cooperativeTaxCode, string nationalId, string name = "Trần Thị Bình") =>
        new(row, cooperativeTaxCode, name, nationalId, MembershipKind.Official, false, null, new LocalDate(2016, 1, 15));

    /// <summary>A loan of 120.000.000 ₫ contracted 10/01/2025, paid out in one tranche, with two repayments: the file says
    /// 100.000.000 ₫ of principal outstanding at the cut-over (120 − 10 − 10 million), no interest owed, group 1.</summary>
    public static ImportedLoan LoanWithHistory(int row, string contract, string borrower) => new(row, contract, new LocalDate(2025, 1, 10),
        borrower, null, null, "Mua máy sấy cà phê", 120_000_000, 7.2m, 10.8m, RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 24, 0,
        new LocalDate(2025, 1, 10), [], [new ImportedTranche(0, new LocalDate(2025, 1, 10), 120_000_000)],
        [new ImportedRepayment(0, new LocalDate(2025, 2, 10), 10_000_000, "UNC-0001"), new ImportedRepayment(0, new LocalDate(2025, 3, 10), 10_000_000, null)],
        null, [], 100_000_000, 0, DebtGroup.Group1);

    /// <summary>An old loan (2019) with only its balances at the cut-over: 40 million outstanding, 10 million of it overdue
    /// for 45 days, 1,2 million of interest and 150.000 ₫ of late interest owed; the fund's own schedule of 4 rows adding up
    /// to the 80 million lent.</summary>
    public static ImportedLoan LoanWithOpeningBalance(int row, string contract, string borrower, string? memberNationalId = null) => new(row,
        contract, new LocalDate(2019, 5, 20), borrower, memberNationalId, null, "Trồng tiêu", 80_000_000, 8m, 12m, RepaymentMethod.Custom,
        RepaymentFrequency.SemiAnnual, 96, 12, new LocalDate(2019, 5, 20),
        [
            new ImportedScheduleRow(0, 1, new LocalDate(2021, 5, 20), 20_000_000, 3_200_000),
            new ImportedScheduleRow(0, 2, new LocalDate(2023, 5, 20), 20_000_000, 2_400_000),
            new ImportedScheduleRow(0, 3, new LocalDate(2025, 5, 20), 20_000_000, 1_600_000),
            new ImportedScheduleRow(0, 4, new LocalDate(2027, 5, 20), 20_000_000, 800_000),
        ],
        [], [], new ImportedOpeningBalance(40_000_000, 10_000_000, 1_200_000, 150_000, 45),
        [new ImportedCollateral(0, global::HtxFund.Collateral.CollateralType.LandUseRight, "Thửa đất số 12, tờ bản đồ 5, xã Ea Kao", "CS-01234",
            300_000_000, new LocalDate(2019, 5, 1))],
        40_000_000, 1_200_000, DebtGroup.Group2);

    /// <summary>Two cooperatives, a member and two loans (one with history, one with an opening balance lent to the member).</summary>
    public static LoanBookFile Small(int seed = 1000)
    {
        var a = TaxCodeFrom(seed);
        var b = TaxCodeFrom(seed + 100);
        return new LoanBookFile("", 1, CutOver,
            [Cooperative(0, a), Cooperative(0, b, "HTX Dịch vụ Cư M'gar")],
            [Member(0, b, "066190000123")],
            [LoanWithHistory(0, $"HĐ-{seed}/2025", a), LoanWithOpeningBalance(0, $"HĐ-{seed}/2019", b, "066190000123")]);
    }
}
