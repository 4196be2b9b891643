using HtxFund.Accounting;
using HtxFund.Accounting.Accrual;
using HtxFund.Identity;
using HtxFund.Lending.Accounting;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Accounting.Journal;

/// <summary>
/// A loan's whole life in the journal, every line computed by hand. The loan: 300,000,000 ₫ approved at 6 %/year, interest
/// monthly on the 22nd, 6 months' grace on principal, signed 22/11/2026; the engine counts actual/365, rounds each period's
/// interest once, charges 10 %/year on late interest as đồng-days rounded once (as in booking_the_month_end_interest_accrual).
/// <list type="number">
/// <item>22/11/2026 tranche 1: 200,000,000 ₫ (BN202611-0001).</item>
/// <item>November's accrual: 200,000,000 × 8 days (22/11–30/11) × 6 % / 365 = 263,013.7 → 263,014 (KT202611-0001).</item>
/// <item>02/12/2026 tranche 2: 100,000,000 ₫ (BN202612-0001).</item>
/// <item>22/12/2026 on time: interest of 22/11–22/12 = (200,000,000 × 10 + 300,000,000 × 20) × 6 % / 365 = 1,315,068.5 →
///   1,315,068 (BC202612-0001).</item>
/// <item>December's accrual: 300,000,000 × 9 days × 6 % / 365 = 443,835.6 → 443,836; 13881 holds 263,014 − 1,315,068 =
///   −1,052,054, so accrue 1,495,890 (KT202612-0001).</item>
/// <item>01/02/2027 late: interest of 22/12–22/01 = 300,000,000 × 31 × 6 % / 365 = 1,528,767.1 → 1,528,767, 10 days late:
///   1,528,767 × 10 × 10 % / 365 = 4,188.4 → 4,188 of penalty (BC202702-0001).</item>
/// <item>February's accrual (22/02 interest unpaid, 6 days: group 1): due 22/02 1,528,767 (31 days) + accrued 22/02–28/02
///   300,000,000 × 6 × 6 % / 365 = 295,890.4 → 295,890 = 1,824,657; penalty 1,528,767 × 6 × 10 % / 365 = 2,513.0 → 2,513.
///   13881 holds 443,836 − 1,528,767 = −1,084,931 → accrue 2,909,588; 13882 holds −4,188 → accrue 6,701 (KT202702-0001).</item>
/// <item>March's accrual (37 days past due: group 3, interest off the balance sheet): due 22/02 1,528,767 + due 22/03
///   (28 days) 1,380,822 + accrued 22/03–31/03 443,836 = 3,353,425; penalty (1,528,767 × 37 + 1,380,822 × 9) × 10 % / 365 =
///   18,901.9 → 18,902; all 3,372,327 off balance: reverse 1,824,657 and 2,513, 0042 up 3,372,327 (KT202703-0001).</item>
/// <item>01/04/2027 a repayment of 5,000,000 ₫ recorded by mistake: penalty (1,528,767 × 38 + 1,380,822 × 10) × 10 % / 365 =
///   19,699.0 → 19,699, overdue interest 2,909,589, accrued 22/03–01/04 300,000,000 × 10 × 6 % / 365 = 493,150.7 → 493,151,
///   principal prepaid 5,000,000 − 19,699 − 2,909,589 − 493,151 = 1,577,561 (BC202704-0001); reversed by another accountant
///   (BN202704-0001, dated 01/04).</item>
/// <item>01/04/2027 payoff 303,500,000 ₫: 300,000,000 + 2,909,589 + 493,151 + 19,699 = 303,422,439 settles the loan, 77,561
///   is refundable; the loan is closed (BC202704-0002).</item>
/// <item>April's accrual (the loan closed): receivables to zero: accrue 3,402,740 and 19,699 received in April, 0042 down
///   3,372,327 (KT202704-0001).</item>
/// </list>
/// </summary>
public sealed class posting_a_loans_whole_life(AppFixture fixture) : JournalContext(fixture)
{
    private const string Contract = "21/2026/HĐTD";

    private async Task BookAccrual(string month)
    {
        var result = await Post("/api/accounting/accruals", new { month }, await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task every_line_of_tranches_repayments_accruals_a_move_to_group_3_a_reversal_and_a_payoff_posts_as_computed_by_hand()
    {
        var loan = await SignedLoan(300_000_000, number: Contract);
        await Disbursed(loan, 200_000_000, "2026-11-22");
        AdvanceTo(new LocalDate(2026, 12, 1));
        await BookAccrual("2026-11");
        AdvanceTo(new LocalDate(2026, 12, 2));
        await Disbursed(loan, 100_000_000, "2026-12-02");
        AdvanceTo(new LocalDate(2026, 12, 22));
        (await Repaid(loan, 1_315_068, "2026-12-22")).Allocation.InterestDue.Dong.ShouldBe(1_315_068);
        AdvanceTo(new LocalDate(2027, 1, 1));
        await BookAccrual("2026-12");
        AdvanceTo(new LocalDate(2027, 2, 1));
        var late = await Repaid(loan, 1_528_767 + 4_188, "2027-02-01");
        (late.Allocation.OverdueInterest.Dong, late.Allocation.InterestOnLateInterest.Dong).ShouldBe((1_528_767, 4_188));
        AdvanceTo(new LocalDate(2027, 3, 1));
        await BookAccrual("2027-02");
        AdvanceTo(new LocalDate(2027, 4, 1));
        await BookAccrual("2027-03");
        var mistaken = await Repaid(loan, 5_000_000, "2027-04-01");
        var other = await TokenForUser(await CreateStaffUser("daklak.accountant2", [Roles.Accountant]));
        await Ok(Post($"/api/loans/{loan}/repayments/{mistaken.RepaymentId}/reversal", new { reason = "Ghi nhầm số tiền" }, other));
        var payoff = await ConfirmedOverpayment(loan, 303_500_000, "2027-04-01", payoff: 303_422_439);
        payoff.LoanClosed.ShouldBeTrue();
        AdvanceTo(new LocalDate(2027, 5, 1));
        await BookAccrual("2027-04");

        var lines = await JournalLines();
        var loanLines = lines.Where(l => l.LoanId == loan).ToList();
        string[] Of(string voucher) => [.. Voucher(lines, voucher).Select(Show)];

        Of("BN202611-0001").ShouldBe(["1283 D 200000000 Disbursement", "1121 C 200000000 Disbursement"]);
        Of("KT202611-0001").ShouldBe(["13881 D 263014 InterestAccrued", "5151 C 263014 InterestAccrued"]);
        Of("BN202612-0001").ShouldBe(["1283 D 100000000 Disbursement", "1121 C 100000000 Disbursement"]);
        Of("BC202612-0001").ShouldBe(["1121 D 1315068 InterestReceived", "13881 C 1315068 InterestReceived"]);
        Of("KT202612-0001").ShouldBe(["13881 D 1495890 InterestAccrued", "5151 C 1495890 InterestAccrued"]);
        Of("BC202702-0001").ShouldBe(["1121 D 1528767 InterestReceived", "13881 C 1528767 InterestReceived",
            "1121 D 4188 PenaltyInterestReceived", "13882 C 4188 PenaltyInterestReceived"]);
        Of("KT202702-0001").ShouldBe(["13881 D 2909588 InterestAccrued", "5151 C 2909588 InterestAccrued",
            "13882 D 6701 PenaltyInterestAccrued", "5152 C 6701 PenaltyInterestAccrued"]);
        Of("KT202703-0001").ShouldBe(["5151 D 1824657 InterestAccrualReversed", "13881 C 1824657 InterestAccrualReversed",
            "5152 D 2513 PenaltyInterestAccrualReversed", "13882 C 2513 PenaltyInterestAccrualReversed",
            "0042 D 3372327 OffBalanceInterestIncreased", "009 C 3372327 OffBalanceInterestIncreased"]);
        Of("BC202704-0001").ShouldBe(["1121 D 1577561 PrincipalPrepaid", "1283 C 1577561 PrincipalPrepaid",
            "1121 D 3402740 InterestReceived", "13881 C 3402740 InterestReceived", // 2,909,589 overdue + 493,151 accrued
            "1121 D 19699 PenaltyInterestReceived", "13882 C 19699 PenaltyInterestReceived"]);
        Of("BN202704-0001").ShouldBe(["1283 D 1577561 PrincipalPrepaid reversal", "1121 C 1577561 PrincipalPrepaid reversal",
            "13881 D 3402740 InterestReceived reversal", "1121 C 3402740 InterestReceived reversal",
            "13882 D 19699 PenaltyInterestReceived reversal", "1121 C 19699 PenaltyInterestReceived reversal"]);
        Of("BC202704-0002").ShouldBe(["1121 D 300000000 PrincipalPrepaid", "1283 C 300000000 PrincipalPrepaid",
            "1121 D 3402740 InterestReceived", "13881 C 3402740 InterestReceived",
            "1121 D 19699 PenaltyInterestReceived", "13882 C 19699 PenaltyInterestReceived",
            "1121 D 77561 RefundableExcessReceived", "33881 C 77561 RefundableExcessReceived"]);
        Of("KT202704-0001").ShouldBe(["13881 D 3402740 InterestAccrued", "5151 C 3402740 InterestAccrued",
            "13882 D 19699 PenaltyInterestAccrued", "5152 C 19699 PenaltyInterestAccrued",
            "009 D 3372327 OffBalanceInterestDecreased", "0042 C 3372327 OffBalanceInterestDecreased"]);

        // Each voucher kind, its dates and the borrower as the object of every line of the loan.
        loanLines.Count.ShouldBe(2 + 2 + 2 + 2 + 2 + 4 + 4 + 6 + 6 + 6 + 8 + 6);
        lines.Count.ShouldBe(loanLines.Count + 2, "the loan's lines and the charter capital's");
        loanLines.ShouldAllBe(l => l.ObjectId == CooperativeId && l.ContractNumber == Contract && !l.IsAdjustment);
        loanLines.Select(l => l.ObjectName).Distinct().ShouldHaveSingleItem().ShouldNotBeNullOrWhiteSpace();
        Voucher(lines, "BN202704-0001").ShouldAllBe(l => l.VoucherKind == VoucherKind.BankDebit && l.IsReversal
            && l.PostingDate == new LocalDate(2027, 4, 1) && l.BusinessDate == new LocalDate(2027, 4, 1));
        Voucher(lines, "KT202703-0001").ShouldAllBe(l => l.VoucherKind == VoucherKind.Bookkeeping && l.PostingDate == new LocalDate(2027, 3, 31)
            && l.EventType == "interest_accrual_booked");
        Voucher(lines, "BC202702-0001").ShouldAllBe(l => l.VoucherKind == VoucherKind.BankCredit && l.Month == "2027-02");

        // At the end: nothing lent, nothing receivable on or off the balance sheet; the interest income of the life is the
        // interest received: 1,315,068 + 1,528,767 + 3,402,740 = 6,246,575, the penalty income 4,188 + 19,699 = 23,887.
        var end = new LocalDate(2027, 4, 30);
        EveryVoucherBalances(lines);
        foreach (var account in new[] { "1283", "13881", "13882", "0042" }) Balance(lines, account, end).ShouldBe(0, account);
        Balance(lines, AccountingDefaults.InterestIncome, end).ShouldBe(-6_246_575);
        Balance(lines, AccountingDefaults.PenaltyIncome, end).ShouldBe(-23_887);
        Balance(lines, AccountingDefaults.RefundsPayable, end).ShouldBe(-77_561);
        Balance(lines, AccountingDefaults.Cash, end).ShouldBe(20_000_000_000 - 300_000_000 + 1_315_068 + 1_528_767 + 4_188 + 303_500_000);
    }
}
