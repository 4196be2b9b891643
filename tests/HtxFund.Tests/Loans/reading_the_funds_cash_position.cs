using HtxFund.Capital;
using HtxFund.Tests.Loans.Fixtures;

namespace HtxFund.Tests.Loans;

public sealed class reading_the_funds_cash_position(AppFixture fixture) : LoanContext(fixture)
{
    private const long Million = 1_000_000;
    private const long Billion = 1_000_000_000;

    /// <summary>
    /// The hand-computed ledger (value dates):
    /// 15/01 contribution +20 bn; 21/11 withdrawal −1 bn; 22/11 loan A approved 400 m and signed for 350 m, loan B
    /// approved 300 m (never signed); 22/11 tranche A1 −100 m; 24/11 tranche A2 −150 m (confirmed on 25/11).
    /// </summary>
    [Fact]
    public async Task the_cash_view_as_of_past_dates_matches_the_hand_computed_ledger()
    {
        await WithdrawCapital(1 * Billion);
        var a = await Approved(400 * Million);
        await Contracted(a, "31/2026/HĐTD", 350 * Million);
        await CreditChecked(a);
        await Approved(300 * Million, coopToken: await AnotherCooperative());
        await Disbursed(a, 100 * Million, "2026-11-22");
        AdvanceDays(3);
        await Disbursed(a, 150 * Million, "2026-11-24");

        var expected = new (string AsOf, long Charter, long Cash, long Committed, long Outstanding, long ToLend, int Lines)[]
        {
            ("2026-01-14", 0, 0, 0, 0, 0, 0),
            ("2026-11-20", 20 * Billion, 20 * Billion, 0, 0, 20 * Billion, 1),
            ("2026-11-21", 19 * Billion, 19 * Billion, 0, 0, 19 * Billion, 2),
            ("2026-11-22", 19 * Billion, 18_900 * Million, 250 * Million + 300 * Million, 100 * Million, 18_350 * Million, 3),
            ("2026-11-23", 19 * Billion, 18_900 * Million, 550 * Million, 100 * Million, 18_350 * Million, 3),
            ("2026-11-24", 19 * Billion, 18_750 * Million, 100 * Million + 300 * Million, 250 * Million, 18_350 * Million, 4),
            ("2026-11-25", 19 * Billion, 18_750 * Million, 400 * Million, 250 * Million, 18_350 * Million, 4),
        };
        foreach (var row in expected)
        {
            var p = await Capital(row.AsOf);
            (p.CharterCapital.Dong, p.CashAvailable.Dong, p.Committed.Dong, p.OutstandingPrincipal.Dong, p.AvailableToLend.Dong, p.Ledger.Count)
                .ShouldBe((row.Charter, row.Cash, row.Committed, row.Outstanding, row.ToLend, row.Lines), $"as of {row.AsOf}");
        }

        var today = await Capital();
        today.AsOf.ShouldBe(new NodaTime.LocalDate(2026, 11, 25));
        today.Ledger.Select(l => l.Kind).ShouldBe([CapitalEntryKind.CharterCapitalContribution, CapitalEntryKind.CharterCapitalWithdrawal,
            CapitalEntryKind.LoanDisbursement, CapitalEntryKind.LoanDisbursement]);
        today.Ledger.Select(l => l.CashAfter.Dong).ShouldBe([20 * Billion, 19 * Billion, 18_900 * Million, 18_750 * Million]);
        today.Ledger.Select(l => l.CharterCapitalAfter.Dong).ShouldBe([20 * Billion, 19 * Billion, 19 * Billion, 19 * Billion]);
        today.Ledger[^1].LoanId.ShouldBe(a);
        today.Ledger[^1].Source.ShouldBe("31/2026/HĐTD");
        today.ActualCharterCapital.Dong.ShouldBe(19 * Billion); // disbursing moves cash, not capital
    }

    [Fact]
    public async Task a_withdrawal_cannot_take_cash_already_lent()
    {
        var id = await SignedLoan(450_000_000);
        await Disbursed(id, 450_000_000);
        var events = await EventCount();
        var result = await Post("/api/capital/withdrawals", new
        {
            amount = 19_600_000_000L, source = "Ngân sách tỉnh", decisionNumber = "78/QĐ-UBND", decisionDate = "2026-11-20", valueDate = "2026-11-22",
            reason = "Điều chuyển vốn",
        }, await TokenFor(HtxFund.Identity.Roles.ChiefAccountant));
        await ExpectRefusal(result, 422, "capital.withdrawal_exceeds_cash");
        (await EventCount()).ShouldBe(events);
    }
}
