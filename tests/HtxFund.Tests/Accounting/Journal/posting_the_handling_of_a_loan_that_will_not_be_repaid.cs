using Alba;
using HtxFund.Accounting;
using HtxFund.Classification.GettingTheRun;
using HtxFund.Identity;
using HtxFund.Lending.Accounting;
using HtxFund.Loans.WritingOff;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Accounting.Journal;

/// <summary>
/// Risk handling in the journal (design-19's table), on the bankrupt borrower of handling_a_loan_that_will_not_be_repaid:
/// 400,000,000 ₫ lent on 22/11/2026 and never repaid. March's run (99 days past due, group 4): specific 50 % = 200,000,000 +
/// general 0.75 % = 3,000,000 → 203,000,000 charged. The provisions used on 01/04/2027: 200,000,000 covered, 200,000,000
/// charged to expense, 400,000,000 tracked off balance. April's run releases the 3,000,000 of general provision. A recovery
/// of 150,000,000 on 04/05/2027: income, and 150,000,000 less tracked. The write-off from the books on 01/04/2032 (five years
/// after): the 250,000,000 still tracked leaves 0041.
/// </summary>
public sealed class posting_the_handling_of_a_loan_that_will_not_be_repaid(AppFixture fixture) : JournalContext(fixture)
{
    private async Task Handled(Guid id, string step, string? ground)
    {
        var proposal = await LoanPost(id, "risk-handling", new
        {
            step, ground, reason = "HTX bị Tòa án tuyên bố phá sản ngày 20/03/2027.", recoveryActions = "Đã đăng ký khoản nợ với quản tài viên.",
        }, await TokenFor(Roles.RiskCouncil));
        proposal.Context.Response.StatusCode.ShouldBe(201, await proposal.ReadAsTextAsync());
        var proposalId = (await proposal.Read<RiskProposalReceipt>()).ProposalId;
        await Ok(Tracked(async () => await Post($"/api/loans/{id}/risk-handling/{proposalId}/decision", new
        {
            documentNumber = "125/LMHTX-TCKT", documentDate = Clock.GetCurrentInstant().InUtc().Date.ToString("yyyy-MM-dd", null), issuingBody = "Liên minh Hợp tác xã tỉnh Đắk Lắk",
        }, await TokenFor(Roles.Chairman))));
    }

    private async Task<ClassificationRunView> Run(string month) =>
        await (await Post("/api/classification-runs", new { month }, await TokenFor(Roles.ChiefAccountant))).Read<ClassificationRunView>();

    [Fact]
    public async Task provisions_used_a_release_a_recovery_and_the_write_off_from_the_books_post_as_in_the_table()
    {
        var id = await SignedLoan(400_000_000, "9/2026/HĐTD-RR");
        await Disbursed(id, 400_000_000);
        AdvanceTo(new LocalDate(2027, 4, 1));
        (await Run("2027-03")).ProvisionChange.ShouldBe(203_000_000);
        await Handled(id, "UseOfProvisions", "BorrowerDissolvedOrBankrupt");
        AdvanceTo(new LocalDate(2027, 5, 4));
        (await Run("2027-04")).ProvisionChange.ShouldBe(-3_000_000);
        await Ok(Post($"/api/loans/{id}/recoveries", new { amount = 150_000_000L, valueDate = "2027-05-04", source = "CollateralSale", bankReference = "TH-0504-001" },
            await TokenFor(Roles.Accountant)));
        AdvanceTo(new LocalDate(2032, 4, 1));
        await Handled(id, "WriteOffFromBooks", null);

        var lines = await JournalLines();
        string[] Of(string voucher) => [.. Voucher(lines, voucher).Select(Show)];

        Of("KT202703-0001").ShouldBe(["6426 D 203000000 ProvisionCharged", "2293 C 203000000 ProvisionCharged"]);
        Of("KT202704-0001").ShouldBe(["2293 D 200000000 ProvisionUsed", "1283 C 200000000 ProvisionUsed",
            "6426 D 200000000 PrincipalChargedToExpense", "1283 C 200000000 PrincipalChargedToExpense",
            "0041 D 400000000 PrincipalOffBalanceIn", "009 C 400000000 PrincipalOffBalanceIn"]);
        Of("KT202704-0002").ShouldBe(["2293 D 3000000 ProvisionReleased", "6426 C 3000000 ProvisionReleased"]);
        Of("BC202705-0001").ShouldBe(["1121 D 150000000 RecoveryReceived", "711 C 150000000 RecoveryReceived",
            "009 D 150000000 PrincipalOffBalanceOut", "0041 C 150000000 PrincipalOffBalanceOut"]);
        Of("KT203204-0001").ShouldBe(["009 D 250000000 PrincipalOffBalanceOut", "0041 C 250000000 PrincipalOffBalanceOut"]);

        Voucher(lines, "KT202704-0001").ShouldAllBe(l => l.ObjectId == CooperativeId && l.LoanId == id && l.PostingDate == new LocalDate(2027, 4, 1));
        Voucher(lines, "KT202704-0002").ShouldAllBe(l => l.ObjectId == null && l.PostingDate == new LocalDate(2027, 4, 30));
        Voucher(lines, "BC202705-0001").ShouldAllBe(l => l.VoucherKind == VoucherKind.BankCredit && l.ObjectId == CooperativeId);
        EveryVoucherBalances(lines);
        var end = new LocalDate(2032, 4, 30);
        foreach (var account in new[] { "1283", "2293", "0041", "009" }) Balance(lines, account, end).ShouldBe(0, account);
        Balance(lines, AccountingDefaults.ProvisionExpense, end).ShouldBe(203_000_000 + 200_000_000 - 3_000_000);
        Balance(lines, AccountingDefaults.OtherIncome, end).ShouldBe(-150_000_000);
    }
}
