using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HtxFund.Applications;
using HtxFund.Cooperatives;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Contracting;
using HtxFund.Loans.Repaying;
using HtxFund.Loans.Servicing;
using NodaTime;

namespace HtxFund.Tests.Loans.Repaying;

/// <summary>
/// A repayment is decided on one valuation of the loan, as of the day it is recorded, with the payment among the loan's
/// transactions (<see cref="RepaymentRules.Record"/>). Whatever the repayments recorded before it and however far the
/// payment is backdated before them, its split is the split at its value date (the valuation up to that date alone),
/// and it closes the loan exactly when, with it, the loan is fully disbursed and nothing is owed as of that day.
/// </summary>
public sealed class deciding_a_repayment_on_one_valuation
{
    private static readonly LocalDate Start = new(2026, 11, 22);
    private static readonly Instant At = AppFixture.Start;
    private static readonly Actor Accountant = new(Guid.NewGuid(), "ketoan", [Roles.Accountant]);
    private static readonly LendingPolicy Policy = LendingPolicy.Default;

    private static Loan Disbursed(long amount)
    {
        var terms = new LoanProposal(amount, 6m, 12, RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 1, Start);
        var request = new LoanRequest("Mua máy sấy", "Cà phê", 3_000_000_000, 1_000_000_000, amount, 12,
            RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 1, [], true, PriorityFlags.None);
        var approved = new Loan(Guid.NewGuid(), Guid.NewGuid(), null, request, LoanStage.Approved, terms, Start, null, [], [], [], []);
        var signed = approved.Apply(SignContractEndpoint.Decide(new SignContract(1, "1/HĐTD", Start, null, null, null, null, null),
            approved, Policy, 1, Accountant, At).Signed!);
        var tranche = Guid.NewGuid();
        return signed.Apply(new TranchePrepared(signed.Id, tranche, amount, Start, "1", "NH", "GN", Accountant, At))
            .Apply(new TrancheDisbursed(signed.Id, tranche, amount, Start, Guid.NewGuid(), Accountant, At));
    }

    private static RepaymentBooking Record(Loan loan, long amount, LocalDate valueDate, LocalDate today) =>
        RepaymentRules.Record(loan, new RepaymentInput(amount, valueDate, RepaymentChannel.BankTransfer, $"FT{Guid.NewGuid():N}"),
            new RepaymentReads(null, Policy), today, 1_000, Accountant, At, Guid.NewGuid(), Guid.NewGuid());

    /// <summary>Earlier repayments (day after the disbursement, amount in thousands of đồng), then the new one.</summary>
    private static Arbitrary<(int Day, int Thousands)[]> Payments() =>
        Gen.Choose(0, 400).SelectMany(day => Gen.Choose(1, 60_000).Select(k => (day, k))).ArrayOf().Select(a => a.Take(6).ToArray())
            .Where(a => a.Length >= 1).ToArbitrary();

    [Property(MaxTest = 150)]
    public Property the_split_is_the_split_at_the_value_date_and_the_loan_closes_when_nothing_is_owed() =>
        Prop.ForAll(Payments(), Gen.Choose(0, 20).ToArbitrary(), (payments, lateDays) =>
        {
            var loan = Disbursed(100_000_000);
            var today = Start.PlusDays(payments.Max(p => p.Day) + lateDays);
            foreach (var (day, thousands) in payments[..^1])
            {
                var earlier = Record(loan, thousands * 1_000L, Start.PlusDays(day), today);
                if (earlier.Recorded is { } r) loan = earlier.Closed is { } c ? loan.Apply(r).Apply(c) : loan.Apply(r);
                if (loan.IsClosed) return true; // nothing more to decide on a settled loan
            }
            var (lastDay, lastThousands) = payments[^1];
            var valueDate = Start.PlusDays(lastDay);
            var amount = lastThousands * 1_000L;
            var booking = Record(loan, amount, valueDate, today);

            // the split on the loan valued up to the value date only, the payment after every repayment recorded before it
            var payment = new Repayment(valueDate, Money.Of(amount)) { Sequence = loan.Repayments.Count };
            var atValueDate = LoanTransactions.Statement(loan, valueDate, Policy, [payment])!;
            var expected = atValueDate.Lines.Single(l => ReferenceEquals(l.Transaction, payment)).Allocation!.Value;
            if (expected.RefundableExcess.IsPositive)
                return booking.Refusal?.Extensions["code"] as string == "repayment.above_payoff"
                       && (long)booking.Refusal.Extensions["payoff"]! == amount - expected.RefundableExcess.Dong;
            if (booking.Recorded is not { } recorded || recorded.Allocation != expected) return false;
            var after = LoanTransactions.Statement(loan.Apply(recorded), today, Policy)!.Valuation;
            var settles = after.Payoff.IsZero && after.PrincipalOutstanding.IsZero;
            return (booking.Closed is not null) == settles && (booking.Closed is null || booking.Closed.ClosedOn == valueDate);
        });
}
