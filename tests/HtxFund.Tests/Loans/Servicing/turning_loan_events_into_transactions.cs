using HtxFund.Applications;
using HtxFund.Cooperatives;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Contracting;
using HtxFund.Loans.Repaying;
using HtxFund.Loans.Servicing;
using NodaTime;

namespace HtxFund.Tests.Loans.Servicing;

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

    private static RepaymentBooking Book(Loan loan, long amount, LocalDate date, LocalDate? today = null) =>
        RepaymentRules.Record(loan, new RepaymentInput(amount, date, RepaymentChannel.BankTransfer, $"FT{amount}"), new RepaymentReads(null, LendingPolicy.Default),
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
        booking.Recorded!.Allocation.AccruedInterest.Dong.ShouldBe(657_534);
        booking.Recorded.Allocation.Prepayment.Dong.ShouldBe(100_000_000 - 657_534);
        booking.Recorded.Allocation.Interest.Dong.ShouldBe(657_534);
        (booking.Recorded.Allocation.Principal + booking.Recorded.Allocation.Interest).Dong.ShouldBe(100_000_000);
        booking.Recorded.Allocation.Payment.Dong.ShouldBe(100_000_000);
        booking.Closed.ShouldBeNull();

        loan = loan.Apply(booking.Recorded);
        // above the payoff (300,657,534 ₫): refused unless marked as an overpayment to refund, which only submits it
        var unmarked = Book(loan, 400_000_000, Today.PlusDays(10));
        unmarked.Refusal!.Extensions["code"].ShouldBe("repayment.above_payoff");
        unmarked.Refusal.Extensions["payoff"].ShouldBe(300_657_534L);
        unmarked.Refusal.Extensions["excess"].ShouldBe(99_342_466L);
        var marked = RepaymentRules.Record(loan, new RepaymentInput(400_000_000, Today.PlusDays(10), RepaymentChannel.BankTransfer, "FT400",
            OverpaymentToRefund: true), new RepaymentReads(null, LendingPolicy.Default), Today.PlusDays(10), 30, Accountant, At, Guid.NewGuid(), Guid.NewGuid());
        marked.Recorded.ShouldBeNull();
        marked.Submitted!.Payoff.ShouldBe(300_657_534);
        marked.Reference.ShouldNotBeNull(); // the reference is held while it waits
        // its submitter may not confirm it; a second person books it with the excess refundable, and it closes the loan
        loan = loan.Apply(marked.Submitted);
        RepaymentRules.ConfirmOverpayment(loan, marked.Submitted.RepaymentId, LendingPolicy.Default, Today.PlusDays(10), 30, Accountant, At, Guid.NewGuid())
            .Refusal!.Extensions["code"].ShouldBe("four_eyes.submitter_cannot_confirm");
        var payoff = RepaymentRules.ConfirmOverpayment(loan, marked.Submitted.RepaymentId, LendingPolicy.Default, Today.PlusDays(10), 30, Other, At,
            Guid.NewGuid());
        payoff.Confirmed!.By.ShouldBe(Other);
        payoff.Recorded!.By.ShouldBe(Accountant);
        payoff.Recorded.RepaymentId.ShouldBe(marked.Submitted.RepaymentId);
        payoff.Recorded.Allocation.Prepayment.Dong.ShouldBe(300_657_534);
        payoff.Recorded.Allocation.RefundableExcess.Dong.ShouldBe(400_000_000 - 300_657_534);
        payoff.Closed!.RefundableExcess.ShouldBe(99_342_466);
        payoff.ToEvents().Select(e => e.GetType()).ShouldBe([typeof(LoanOverpaymentConfirmed), typeof(LoanRepaymentRecorded), typeof(LoanClosed)]);
        Book(loan.Apply(payoff.Confirmed).Apply(payoff.Recorded).Apply(payoff.Closed), 1, Today.PlusDays(10)).Refusal!.Extensions["code"].ShouldBe("loan.closed");
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
        var id = booking.Recorded!.RepaymentId;
        Money CashWithTheRepayment(LocalDate from) => from <= Today ? Money.Of(1_000_000) : Money.Zero;
        RepaymentRules.CheckReversal(loan, id, Accountant, CashWithTheRepayment)!.Extensions["code"].ShouldBe("four_eyes.recorder_cannot_reverse");
        RepaymentRules.CheckReversal(loan, id, Other, CashWithTheRepayment).ShouldBeNull();
        RepaymentRules.CheckReversal(loan, id, Other, _ => Money.Of(999_999))!.Extensions["code"]
            .ShouldBe("repayment.reversal_exceeds_cash");
    }
}
