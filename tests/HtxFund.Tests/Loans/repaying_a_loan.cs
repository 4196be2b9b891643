using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Loans;

public sealed class repaying_a_loan(AppFixture fixture) : LoanContext(fixture)
{
    private static LocalDate D(int y, int m, int d) => new(y, m, d);
    private static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", null);

    /// <summary>400,000,000 ₫ at 6 %/year over 36 months, equal principal after a 6-month grace, signed today
    /// (22/11/2026), paid out in two tranches of 200,000,000 ₫ on 22/11 and 02/12/2026.</summary>
    private async Task<(Guid Id, IReadOnlyList<HtxFund.Applications.ScheduleRow> Rows)> TwoTrancheLoan(string number)
    {
        var id = await SignedLoan(400_000_000, number);
        await Disbursed(id, 200_000_000);
        AdvanceTo(D(2026, 12, 2));
        await Disbursed(id, 200_000_000, "2026-12-02");
        return (id, (await Loan(id)).Contract!.Schedule);
    }

    [Fact]
    public async Task the_full_life_of_a_loan_from_contract_to_closure()
    {
        var (id, rows) = await TwoTrancheLoan("11/2026/HĐTD");
        rows.Count.ShouldBe(36);
        rows.Take(6).ShouldAllBe(r => r.Principal == 0);
        rows[6].Principal.ShouldBe(13_333_333); // 400,000,000 / 30 instalments, the rounding remainder on the last

        // First period 22/11 → 22/12/2026: 200,000,000 ₫ for 30 days and 200,000,000 ₫ for 20 days at 6 %/365:
        // 986,301.37 + 657,534.25 = 1,643,835.62 → 1,643,836 ₫ due on 22/12.
        AdvanceTo(rows[0].DueDate);
        var first = await Position(id);
        first.InterestDue.ShouldBe(1_643_836);
        first.AmountDue.ShouldBe(1_643_836);
        first.PrincipalOutstanding.ShouldBe(400_000_000);
        first.Schedule[0].Status.ShouldBe(InstalmentStatus.Due);

        // twelve instalments paid on their due dates, each exactly what is due then
        long paidTotal = 0;
        for (var i = 0; i < 12; i++)
        {
            AdvanceTo(rows[i].DueDate);
            var due = await Position(id);
            due.DaysPastDue.ShouldBe(0);
            var receipt = await Repaid(id, due.AmountDue, Iso(rows[i].DueDate));
            receipt.Allocation.PrincipalDue.ShouldBe(rows[i].Principal);
            receipt.Allocation.Prepayment.ShouldBe(0);
            receipt.Allocation.RefundableExcess.ShouldBe(0);
            paidTotal += due.AmountDue;
        }
        var afterTwelve = await Position(id);
        afterTwelve.PrincipalOutstanding.ShouldBe(400_000_000 - 6 * 13_333_333); // 320,000,002 ₫
        afterTwelve.PrincipalOutstanding.ShouldBe(rows[11].BalanceAfter);
        afterTwelve.PaidPrincipal.ShouldBe(79_999_998);
        (afterTwelve.PaidInterest + afterTwelve.PaidPrincipal).ShouldBe(paidTotal);
        afterTwelve.Schedule.Take(12).ShouldAllBe(r => r.Status == InstalmentStatus.Paid);
        afterTwelve.Schedule.Skip(12).ShouldAllBe(r => r.Status == InstalmentStatus.Upcoming);
        afterTwelve.DebtGroup.ShouldBe(1);

        // the thirteenth is missed: 15 days later it is overdue, bears penalty interest, and the loan is in group 2
        var missed = rows[12].DueDate;
        AdvanceTo(missed.PlusDays(15));
        var late = await Position(id);
        late.DaysPastDue.ShouldBe(15);
        late.PrincipalOverdue.ShouldBe(13_333_333);
        late.InterestOverdue.ShouldBeGreaterThan(0);
        // 13,333,333 ₫ overdue for 15 days at 150 % × 6 % = 9 %/year: 49,315.07 → 49,315 ₫
        late.InterestOnOverduePrincipal.ShouldBe(49_315);
        late.InterestOnLateInterest.ShouldBeGreaterThan(0);
        late.DebtGroup.ShouldBe(2);
        late.Schedule[12].Status.ShouldBe(InstalmentStatus.Overdue);
        (await Position(id, Iso(missed.PlusDays(-1)))).DaysPastDue.ShouldBe(0); // the view as of a past date

        // catch-up: everything due, penalties first (the waterfall)
        var catchUp = await Repaid(id, late.AmountDue, Iso(missed.PlusDays(15)));
        catchUp.Allocation.InterestOnLateInterest.ShouldBe(late.InterestOnLateInterest);
        catchUp.Allocation.InterestOnOverduePrincipal.ShouldBe(late.InterestOnOverduePrincipal);
        catchUp.Allocation.OverdueInterest.ShouldBe(late.InterestOverdue);
        catchUp.Allocation.OverduePrincipal.ShouldBe(13_333_333);
        var current = await Position(id);
        current.DaysPastDue.ShouldBe(0);
        current.AmountDue.ShouldBe(0);
        current.DebtGroup.ShouldBe(1);
        current.PrincipalOutstanding.ShouldBe(320_000_002 - 13_333_333);

        // early payoff with 1,000,000 ₫ too much: the loan closes, the excess is refundable
        var payoffDay = missed.PlusDays(20);
        AdvanceTo(payoffDay);
        var before = await Position(id);
        before.Payoff.ShouldBe(before.PrincipalOutstanding + before.InterestAccrued);
        var payoff = await Repaid(id, before.Payoff + 1_000_000, Iso(payoffDay));
        payoff.LoanClosed.ShouldBeTrue();
        payoff.Allocation.Prepayment.ShouldBe(306_666_669);
        payoff.Allocation.RefundableExcess.ShouldBe(1_000_000);

        var closed = await Loan(id);
        closed.Stage.ShouldBe(LoanStage.Closed);
        closed.ClosedOn.ShouldBe(payoffDay);
        closed.RefundableExcessAtClosure.ShouldBe(1_000_000);
        closed.Exposure.ShouldBe(0);
        closed.Position!.PrincipalOutstanding.ShouldBe(0);
        closed.Position.PaidPrincipal.ShouldBe(400_000_000);
        closed.Position.RefundableExcess.ShouldBe(1_000_000);

        var capital = await Capital();
        capital.OutstandingPrincipal.Dong.ShouldBe(0);
        capital.InterestReceived.Dong.ShouldBe(closed.Position.PaidInterest + closed.Position.PaidPenaltyInterest);
        capital.CashAvailable.Dong.ShouldBe(20_000_000_000 + closed.Position.PaidInterest + closed.Position.PaidPenaltyInterest + 1_000_000);

        var events = await EventCount();
        await (await Repay(id, 1_000, Iso(payoffDay))).ShouldBeRefusal(409, "loan.closed");
        (await EventCount()).ShouldBe(events);
    }
}
