using HtxFund.Applications;
using HtxFund.Capital;
using HtxFund.Cooperatives;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Contracting;
using HtxFund.Loans.Repaying;
using HtxFund.Loans.Servicing;
using NodaTime;

namespace HtxFund.Tests.Loans;

/// <summary>Pure tests of the function that turns a loan's events into the engine's transactions, and of the
/// repayment decisions, without a database.</summary>
public sealed class turning_loan_events_into_transactions
{
    private static readonly Instant At = AppFixture.Start;
    private static readonly LocalDate Today = new(2026, 11, 22);
    private static readonly Actor Accountant = new(Guid.NewGuid(), "ketoan", [Roles.Accountant]);
    private static readonly Actor Other = new(Guid.NewGuid(), "ketoan2", [Roles.Accountant]);
    private static readonly LoanProposal Terms = new(400_000_000, 6m, 36, RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 6, Today);

    private static Loan Signed()
    {
        var request = new LoanRequest("Mua máy sấy", "Cà phê", 3_000_000_000, 1_000_000_000, 400_000_000, 36,
            RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 6, [], true, PriorityFlags.None);
        var approved = new Loan(Guid.NewGuid(), Guid.NewGuid(), null, request, LoanStage.Approved, Terms, Today, null, [], [], [], []);
        return approved.Apply(SignContractEndpoint.Decide(new SignContract(1, "1/HĐTD", Today, null, null, null, null, null),
            approved, LendingPolicy.Default, 1, Accountant, At).Signed!);
    }

    private static Loan Disbursed(Loan loan, long amount, LocalDate date)
    {
        var id = Guid.NewGuid();
        return loan.Apply(new TranchePrepared(loan.Id, id, amount, date, "1", "NH", "GN", Accountant, At))
            .Apply(new TrancheDisbursed(loan.Id, id, amount, date, Guid.NewGuid(), Accountant, At));
    }

    private static RepaymentRules.Booking Book(Loan loan, long amount, LocalDate date, LocalDate? today = null) =>
        RepaymentRules.Book(loan, new RepaymentInput(amount, date, RepaymentChannel.BankTransfer, $"FT{amount}"), LendingPolicy.Default,
            today ?? date, 30, Accountant, At, Guid.NewGuid(), Guid.NewGuid());

    [Fact]
    public void disbursed_tranches_repayments_not_reversed_and_approved_restructurings_become_transactions_in_any_order()
    {
        var loan = Disbursed(Signed(), 200_000_000, Today);
        var prepared = Guid.NewGuid();
        loan = loan.Apply(new TranchePrepared(loan.Id, prepared, 100_000_000, Today, "1", "NH", "GN", Accountant, At)); // not paid out
        var kept = Book(loan, 5_000_000, Today.PlusDays(10));
        loan = loan.Apply(kept.Recorded!);
        var reversed = Book(loan, 7_000_000, Today.PlusDays(11));
        loan = loan.Apply(reversed.Recorded!).Apply(new LoanRepaymentReversed(loan.Id, reversed.Recorded!.RepaymentId, "nhầm", Guid.NewGuid(), Other, At));
        var plan = new[] { new PlannedInstalment(new LocalDate(2028, 1, 10), 195_000_000) };
        var requested = Guid.NewGuid();
        loan = loan.Apply(new LoanRestructuringRequested(loan.Id, requested, RestructuringKind.ScheduleAdjustment, Today.PlusDays(20), plan, "", Accountant, At));
        LoanTransactions.Of(loan).Count.ShouldBe(2); // the restructuring waits for its approval

        loan = loan.Apply(new LoanRestructuringApproved(loan.Id, requested, Other, At));
        LoanTransactions.Of(loan).ShouldBe(new LoanTransaction[]
        {
            new Disbursement(Today, Money.Of(200_000_000)),
            new Repayment(Today.PlusDays(10), Money.Of(5_000_000)),
            new ScheduleAdjustment(Today.PlusDays(20), [new PlannedPrincipal(new LocalDate(2028, 1, 10), Money.Of(195_000_000))]),
        });
    }

    [Fact]
    public void the_frozen_schedule_is_the_one_the_engine_values()
    {
        var loan = Signed();
        var schedule = LoanTransactions.Schedule(loan.Contract!, LendingPolicy.Default);
        schedule.Instalments.Select(i => (i.DueDate, i.Principal.Dong)).ShouldBe(loan.Contract!.Schedule.Select(r => (r.DueDate, r.Principal)));
    }

    [Fact]
    public void a_repayment_stores_the_split_at_recording_time_and_a_confirmed_overpayment_closes_the_loan_with_the_excess_refundable()
    {
        var loan = Disbursed(Signed(), 400_000_000, Today);
        // 10 days of interest on 400,000,000 ₫ at 6 %/365 = 657,534.25 → 657,534 ₫, then principal
        var booking = Book(loan, 100_000_000, Today.PlusDays(10));
        booking.Recorded!.Allocation.AccruedInterest.ShouldBe(657_534);
        booking.Recorded.Allocation.Prepayment.ShouldBe(100_000_000 - 657_534);
        var line = HtxFund.Capital.CapitalEntries.Of(booking.Recorded)!;
        line.PrincipalRepaid.Dong.ShouldBe(booking.Recorded.Allocation.Principal);
        line.InterestReceived.Dong.ShouldBe(657_534);
        booking.Closed.ShouldBeNull();

        loan = loan.Apply(booking.Recorded);
        // above the payoff (300,657,534 ₫): refused unless marked as an overpayment to refund, which only submits it
        var unmarked = Book(loan, 400_000_000, Today.PlusDays(10));
        unmarked.Refusal!.Extensions["code"].ShouldBe("repayment.above_payoff");
        unmarked.Refusal.Extensions["payoff"].ShouldBe(300_657_534L);
        unmarked.Refusal.Extensions["excess"].ShouldBe(99_342_466L);
        var marked = RepaymentRules.Book(loan, new RepaymentInput(400_000_000, Today.PlusDays(10), RepaymentChannel.BankTransfer, "FT400",
            OverpaymentToRefund: true), LendingPolicy.Default, Today.PlusDays(10), 30, Accountant, At, Guid.NewGuid(), Guid.NewGuid());
        marked.Recorded.ShouldBeNull();
        marked.Submitted!.Payoff.ShouldBe(300_657_534);
        // confirmed by a second person, it is booked with the excess refundable and closes the loan
        loan = loan.Apply(marked.Submitted);
        var pending = loan.PendingOverpaymentOf(marked.Submitted.RepaymentId)!;
        var payoff = RepaymentRules.Book(loan, new RepaymentInput(pending.Amount, pending.ValueDate, pending.Channel, pending.BankReference,
            OverpaymentToRefund: true), LendingPolicy.Default, Today.PlusDays(10), 30, Accountant, At, pending.RepaymentId, Guid.NewGuid(), pending);
        payoff.Recorded!.Allocation.Prepayment.ShouldBe(300_657_534);
        payoff.Recorded.Allocation.RefundableExcess.ShouldBe(400_000_000 - 300_657_534);
        payoff.Closed!.RefundableExcess.ShouldBe(99_342_466);
        Book(loan.Apply(payoff.Recorded).Apply(payoff.Closed), 1, Today.PlusDays(10)).Refusal!.Extensions["code"].ShouldBe("loan.closed");
    }

    [Fact]
    public void repayments_before_any_disbursement_in_the_future_or_beyond_the_window_are_refused()
    {
        Book(Signed(), 1_000, Today).Refusal!.Extensions["code"].ShouldBe("repayment.nothing_disbursed");
        var loan = Disbursed(Signed(), 400_000_000, Today);
        Book(loan, 1_000, Today.PlusDays(1), today: Today).Refusal!.Status.ShouldBe(400); // value_date.in_future
        Book(loan, 1_000, Today.PlusDays(10), today: Today.PlusDays(41)).Refusal!.Extensions["code"].ShouldBe("repayment.backdated_too_far");
        Book(loan, 1_000, Today.PlusDays(11), today: Today.PlusDays(41)).Refusal.ShouldBeNull();
    }

    [Fact]
    public void a_reversal_needs_another_user_and_the_cash_to_take_the_money_back()
    {
        var loan = Disbursed(Signed(), 400_000_000, Today);
        var booking = Book(loan, 1_000_000, Today);
        loan = loan.Apply(booking.Recorded!);
        var ledger = FundCapitalLedger.Of([CapitalEntries.Of(booking.Recorded!)!]);
        var id = booking.Recorded!.RepaymentId;
        RepaymentRules.Reverse(loan, id, "nhầm", ledger, Accountant, At, Guid.NewGuid()).Refusal!.Extensions["code"]
            .ShouldBe("four_eyes.recorder_cannot_reverse");
        var reversal = RepaymentRules.Reverse(loan, id, "nhầm", ledger, Other, At, Guid.NewGuid());
        reversal.Refusal.ShouldBeNull();
        ledger.Add(CapitalEntries.Reversal(reversal.Reversed!, booking.Recorded!)).CashAsOf(Today).ShouldBe(Money.Zero);
        RepaymentRules.Reverse(loan, id, "nhầm", new FundCapitalLedger(), Other, At, Guid.NewGuid()).Refusal!.Extensions["code"]
            .ShouldBe("repayment.reversal_exceeds_cash");
    }
}
