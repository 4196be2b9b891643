using HtxFund.Infrastructure.Http;
using HtxFund.Loans.Repaying;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Tests.Loans.Repaying;

/// <summary>What recording a repayment and confirming an overpayment answer before anything is booked
/// (<see cref="RepaymentBooking.After"/>): access first, and the booking decided only when access passes.</summary>
public sealed class answering_a_repayment_before_it_is_booked
{
    private static readonly ProblemDetails NotFound = Problems.NotFound("loan.not_found", "Không tìm thấy khoản vay.");

    [Fact]
    public void a_refused_access_is_the_answer_and_the_booking_is_never_decided()
    {
        var decided = false;
        var (answer, booking) = RepaymentBooking.After(NotFound, () => { decided = true; return RepaymentBooking.Refused(NotFound); });
        answer.ShouldBeSameAs(NotFound);
        booking.ShouldBeNull();
        decided.ShouldBeFalse();
    }

    [Fact]
    public void with_access_the_bookings_own_refusal_is_the_answer()
    {
        var refusal = Problems.Unprocessable("repayment.above_payoff", "Số tiền vượt số phải trả.");
        var (answer, booking) = RepaymentBooking.After(WolverineContinue.NoProblems, () => RepaymentBooking.Refused(refusal));
        answer.ShouldBeSameAs(refusal);
        booking!.Refusal.ShouldBeSameAs(refusal);
    }

    [Fact]
    public void with_access_a_booking_that_may_go_ahead_goes_on_to_post()
    {
        var decision = new RepaymentBooking(null);
        var (answer, booking) = RepaymentBooking.After(WolverineContinue.NoProblems, () => decision);
        answer.ShouldBeSameAs(WolverineContinue.NoProblems);
        booking.ShouldBeSameAs(decision);
    }
}
