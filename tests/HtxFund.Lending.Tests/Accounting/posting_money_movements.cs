using HtxFund.Lending.Accounting;
using NodaTime;

namespace HtxFund.Lending.Tests.Accounting;

/// <summary>Worked examples of the posting rules with the default mapping (AccountingDefaults): what each movement debits
/// and credits, and where a movement of a closed month is posted.</summary>
public class posting_money_movements
{
    private static readonly AccountingMapping Mapping = AccountingDefaults.Mapping;

    private static string[] Show(IEnumerable<Posting> postings) =>
        [.. Postings.Lines(postings, Mapping).Select(l => $"{l.Account} {(l.Debit > 0 ? "D" : "C")} {l.Debit + l.Credit}")];

    [Fact]
    public void a_repayment_posts_principal_prepayment_interest_penalty_and_excess_each_into_cash_and_omits_zero_parts()
    {
        // 12,345,678 ₫ = penalty 1,000 + 2,000, overdue interest 300,000, overdue principal 5,000,000, interest due 400,000,
        // principal due 6,000,000, accrued 0, prepayment 600,000, refundable excess 42,678.
        var allocation = new PaymentAllocation(Money.Of(12_345_678), Money.Of(1_000), Money.Of(2_000), Money.Of(300_000), Money.Of(5_000_000),
            Money.Of(400_000), Money.Of(6_000_000), Money.Zero, Money.Of(600_000), Money.Of(42_678));

        var postings = Postings.Repayment(allocation);

        postings.ShouldBe(
        [
            new Posting(PostingKind.PrincipalRepaid, 11_000_000), // 5,000,000 overdue + 6,000,000 due
            new Posting(PostingKind.PrincipalPrepaid, 600_000),
            new Posting(PostingKind.InterestReceived, 700_000), // 300,000 overdue + 400,000 due + 0 accrued
            new Posting(PostingKind.PenaltyInterestReceived, 3_000), // 1,000 on late interest + 2,000 on overdue principal
            new Posting(PostingKind.RefundableExcessReceived, 42_678),
        ]);
        Show(postings).ShouldBe(["1121 D 11000000", "1283 C 11000000", "1121 D 600000", "1283 C 600000", "1121 D 700000", "13881 C 700000",
            "1121 D 3000", "13882 C 3000", "1121 D 42678", "33881 C 42678"]);
        postings.Sum(p => p.Amount).ShouldBe(12_345_678);

        Postings.Repayment(new PaymentAllocation(Money.Of(500), Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Of(500), Money.Zero,
            Money.Zero, Money.Zero, Money.Zero)).ShouldBe([new Posting(PostingKind.InterestReceived, 500)]);
    }

    [Fact]
    public void a_reversal_posts_the_repayments_postings_with_debit_and_credit_exchanged()
    {
        var repayment = new[] { new Posting(PostingKind.PrincipalRepaid, 1_000_000), new Posting(PostingKind.InterestReceived, 250_000) };

        var reversal = Postings.Reversal(repayment);

        reversal.ShouldAllBe(p => p.IsReversal);
        Show(reversal).ShouldBe(["1283 D 1000000", "1121 C 1000000", "13881 D 250000", "1121 C 250000"]);
        Postings.Reversal(reversal).ShouldBe(repayment);
    }

    [Fact]
    public void capital_provisions_and_risk_handling_post_by_the_mapping()
    {
        Show(Postings.Of(PostingKind.CharterCapitalContribution, 20_000_000_000)).ShouldBe(["1121 D 20000000000", "4111 C 20000000000"]);
        Show(Postings.Of(PostingKind.EntrustedCapitalRepaid, 5_000_000)).ShouldBe(["33882 D 5000000", "1121 C 5000000"]);
        Postings.Of(PostingKind.GrantReceived, 0).ShouldBeEmpty();
        Should.Throw<ArgumentOutOfRangeException>(() => Postings.Of(PostingKind.GrantReceived, -1));

        Show(Postings.ProvisionChange(7_500_000)).ShouldBe(["6426 D 7500000", "2293 C 7500000"]);
        Show(Postings.ProvisionChange(-2_000_000)).ShouldBe(["2293 D 2000000", "6426 C 2000000"]);
        Postings.ProvisionChange(0).ShouldBeEmpty();

        // 100,000,000 ₫ of principal off the balance sheet: 80,000,000 covered by provisions, 20,000,000 charged to expense.
        Show(Postings.ProvisionUse(100_000_000, 80_000_000, 20_000_000)).ShouldBe(
            ["2293 D 80000000", "1283 C 80000000", "6426 D 20000000", "1283 C 20000000", "0041 D 100000000", "009 C 100000000"]);

        // A recovery of 30,000,000 ₫ with 100,000,000 ₫ tracked off balance: income, and 30,000,000 ₫ less tracked.
        Show(Postings.Recovery(30_000_000, 100_000_000)).ShouldBe(["1121 D 30000000", "711 C 30000000", "009 D 30000000", "0041 C 30000000"]);
        // A recovery of 50,000,000 ₫ with 20,000,000 ₫ still tracked: only that much leaves 0041.
        Show(Postings.Recovery(50_000_000, 20_000_000)).ShouldBe(["1121 D 50000000", "711 C 50000000", "009 D 20000000", "0041 C 20000000"]);
        Show(Postings.WriteOffFromBooks(70_000_000)).ShouldBe(["009 D 70000000", "0041 C 70000000"]);
        Postings.WriteOffFromBooks(0).ShouldBeEmpty();
    }

    [Fact]
    public void a_loan_taken_over_posts_its_principal_as_lent_out_and_its_interest_and_penalty_owed_as_receivables()
    {
        // 90,000,000 ₫ outstanding at the cut-over, 1,000,000 ₫ of interest and 20,000 ₫ of penalty owed.
        Show(Postings.OpeningBalance(90_000_000, 1_000_000, 20_000)).ShouldBe(
            ["1283 D 90000000", "1121 C 90000000", "13881 D 1000000", "5151 C 1000000", "13882 D 20000", "5152 C 20000"]);
        Show(Postings.OpeningBalance(5_000_000, 0, 0)).ShouldBe(["1283 D 5000000", "1121 C 5000000"]);
        var change = Postings.ReceivableChange(Postings.OpeningBalance(90_000_000, 1_000_000, 20_000));
        change.Contractual.ShouldBe(1_000_000);
        change.Penalty.ShouldBe(20_000);
    }

    [Fact]
    public void the_month_end_true_up_posts_the_difference_between_the_engines_figures_and_the_receivables_posted()
    {
        // Posted so far: 1,200,000 accrued, 900,000 received → 13881 holds 300,000; 13882 holds 50,000; 0042 holds 0.
        // The engine says: contractual 740,000, penalty 0, off balance 0 → accrue 440,000, reverse 50,000 of penalty.
        var current = Postings.ReceivableChange(
        [
            new Posting(PostingKind.InterestAccrued, 1_200_000), new Posting(PostingKind.InterestReceived, 900_000),
            new Posting(PostingKind.PenaltyInterestAccrued, 50_000),
        ]);
        current.ShouldBe(new InterestReceivables(300_000, 50_000, 0));

        var trueUp = Postings.AccrualTrueUp(new InterestReceivables(740_000, 0, 0), current);

        trueUp.ShouldBe([new Posting(PostingKind.InterestAccrued, 440_000), new Posting(PostingKind.PenaltyInterestAccrualReversed, 50_000)]);
        Show(trueUp).ShouldBe(["13881 D 440000", "5151 C 440000", "5152 D 50000", "13882 C 50000"]);

        // The loan moves to group 3: nothing on the balance sheet, 1,000,000 off it → reverse 740,000, track 1,000,000 in 0042.
        var after = current + Postings.ReceivableChange(trueUp);
        Show(Postings.AccrualTrueUp(new InterestReceivables(0, 0, 1_000_000), after))
            .ShouldBe(["5151 D 740000", "13881 C 740000", "0042 D 1000000", "009 C 1000000"]);
        Postings.AccrualTrueUp(after, after).ShouldBeEmpty();
    }

    [Fact]
    public void a_movement_of_a_closed_month_is_posted_on_the_first_day_of_the_first_open_month()
    {
        var date = new LocalDate(2026, 3, 18);
        AccountingPeriods.MonthOf(date).ShouldBe("2026-03");

        AccountingPeriods.PostingDate(date, (string?)null).ShouldBe(date);
        AccountingPeriods.PostingDate(date, "2026-02").ShouldBe(date);
        AccountingPeriods.PostingDate(date, "2026-03").ShouldBe(new LocalDate(2026, 4, 1));
        AccountingPeriods.PostingDate(date, ["2026-01", "2026-02", "2026-03", "2026-04"]).ShouldBe(new LocalDate(2026, 5, 1));
        AccountingPeriods.PostingDate(new LocalDate(2025, 12, 31), ["2026-11", "2026-12"]).ShouldBe(new LocalDate(2027, 1, 1));
        AccountingPeriods.IsClosed(date, "2026-03").ShouldBeTrue();
        AccountingPeriods.IsClosed(date, "2026-02").ShouldBeFalse();
    }
}
