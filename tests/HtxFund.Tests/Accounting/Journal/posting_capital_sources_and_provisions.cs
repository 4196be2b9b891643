using HtxFund.Accounting;
using HtxFund.Classification.GettingTheRun;
using HtxFund.Identity;
using HtxFund.Lending.Accounting;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Accounting.Journal;

/// <summary>The capital stream's events in the journal (design-19's table): charter capital in and out, capital of every other
/// source by its kind, a retained result (a balance: nothing posted) and the month's provision change.</summary>
public sealed class posting_capital_sources_and_provisions(AppFixture fixture) : JournalContext(fixture)
{
    private const long Billion = 1_000_000_000;

    [Fact]
    public async Task each_source_posts_to_its_own_account_and_the_provision_change_to_expense_and_provisions()
    {
        await OtherCapital("/api/capital/other-sources", "Grant", Billion, "2026-02-01");
        await OtherCapital("/api/capital/other-sources", "EntrustedCapital", 5 * Billion, "2026-02-01");
        await OtherCapital("/api/capital/other-sources", "Borrowing", 2 * Billion, "2026-03-01");
        await OtherCapital("/api/capital/other-sources", "DevelopmentInvestmentFund", Billion / 2, "2026-03-01");
        await OtherCapital("/api/capital/other-sources", "Other", 300_000_000, "2026-04-01");
        await OtherCapital("/api/capital/other-sources/repayments", "Borrowing", 800_000_000, "2026-09-30", "Trả nợ vay");
        await OtherCapital("/api/capital/other-sources/repayments", "EntrustedCapital", Billion, "2026-10-15", "Hoàn trả vốn ủy thác");
        await WithdrawCapital(Billion); // 21/11/2026
        await Ok(Post("/api/capital/retained-results", new { surplusOrLoss = 700_000_000, asOf = Today, reference = "BCTC quý III" },
            await TokenFor(Roles.ChiefAccountant)));
        // 400,000,000 ₫ lent on 22/11/2026; November's run: group 1, general provision 0.75 % = 3,000,000 ₫ (the first run: all of it is the change)
        var loan = await SignedLoan(400_000_000, number: "31/2026/HĐTD");
        await Disbursed(loan, 400_000_000);
        AdvanceTo(new LocalDate(2026, 12, 1));
        var run = await (await Post("/api/classification-runs", new { month = "2026-11" }, await TokenFor(Roles.ChiefAccountant))).Read<ClassificationRunView>();
        run.ProvisionChange.ShouldBe(3_000_000);

        var lines = await JournalLines();
        string[] Of(string voucher) => [.. Voucher(lines, voucher).Select(Show)];

        Of("BC202601-0001").ShouldBe(["1121 D 20000000000 CharterCapitalContribution", "4111 C 20000000000 CharterCapitalContribution"]);
        Of("BC202602-0001").ShouldBe(["1121 D 1000000000 GrantReceived", "4118 C 1000000000 GrantReceived"]);
        Of("BC202602-0002").ShouldBe(["1121 D 5000000000 EntrustedCapitalReceived", "33882 C 5000000000 EntrustedCapitalReceived"]);
        Of("BC202603-0001").ShouldBe(["1121 D 2000000000 BorrowingReceived", "3411 C 2000000000 BorrowingReceived"]);
        Of("BC202603-0002").ShouldBe(["1121 D 500000000 DevelopmentInvestmentFundReceived", "414 C 500000000 DevelopmentInvestmentFundReceived"]);
        Of("BC202604-0001").ShouldBe(["1121 D 300000000 OtherCapitalReceived", "4118 C 300000000 OtherCapitalReceived"]);
        Of("BN202609-0001").ShouldBe(["3411 D 800000000 BorrowingRepaid", "1121 C 800000000 BorrowingRepaid"]);
        Of("BN202610-0001").ShouldBe(["33882 D 1000000000 EntrustedCapitalRepaid", "1121 C 1000000000 EntrustedCapitalRepaid"]);
        Of("BN202611-0001").ShouldBe(["4111 D 1000000000 CharterCapitalWithdrawal", "1121 C 1000000000 CharterCapitalWithdrawal"]);
        Of("BN202611-0002").ShouldBe(["1283 D 400000000 Disbursement", "1121 C 400000000 Disbursement"]);
        Of("KT202611-0001").ShouldBe(["6426 D 3000000 ProvisionCharged", "2293 C 3000000 ProvisionCharged"]);

        lines.Count.ShouldBe(11 * 2, "the retained result posts nothing");
        lines.Where(l => l.LoanId is null).ShouldAllBe(l => l.ObjectId == null);
        Voucher(lines, "KT202611-0001").ShouldAllBe(l => l.VoucherKind == VoucherKind.Bookkeeping && l.PostingDate == new LocalDate(2026, 11, 30)
            && l.Description.Contains("11/2026"));
        Voucher(lines, "BC202602-0001")[0].Description.ShouldBe("Nhận tài trợ, viện trợ (Quỹ hỗ trợ phát triển HTX Việt Nam, QĐ số 88/HĐUT)");
        EveryVoucherBalances(lines);
        // Cash on 30/11/2026: 20 bn + 1 + 5 + 2 + 0.5 + 0.3 − 0.8 − 1 − 1 bn − 0.4 bn lent = 25.6 bn
        Balance(lines, AccountingDefaults.Cash, new LocalDate(2026, 11, 30)).ShouldBe(25_600_000_000);
        Balance(lines, AccountingDefaults.OtherOwnersCapital, new LocalDate(2026, 11, 30)).ShouldBe(-1_300_000_000);
    }
}
