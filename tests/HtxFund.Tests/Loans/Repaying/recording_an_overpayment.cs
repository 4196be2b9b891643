using System.Text.Json;
using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Loans.Repaying;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Loans.Repaying;

/// <summary>
/// An amount above what settles the loan is most often a typing error that would become fund cash: it is refused
/// unless the recorder marks it as an overpayment to refund, and then nothing is booked until a second person confirms it.
/// </summary>
public sealed class recording_an_overpayment(AppFixture fixture) : LoanContext(fixture)
{
    /// <summary>400,000,000 ₫ paid out today and 350,000,000 ₫ prepaid the same day: 50,000,000 ₫ settles it.</summary>
    private async Task<Guid> LoanOwing50Million()
    {
        var id = await SignedLoan(400_000_000);
        await Disbursed(id, 400_000_000);
        await Repaid(id, 350_000_000, Today);
        (await Position(id)).Payoff.ShouldBe(50_000_000);
        return id;
    }

    private static string Reference() => $"FT{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task a_repayment_above_the_payoff_is_refused_with_the_payoff_and_books_nothing()
    {
        var id = await LoanOwing50Million();
        var capital = await Capital();
        var events = await EventCount();
        var reference = Reference();

        var refused = await Repay(id, 2_100_000_000, Today, reference);
        await refused.ShouldBeRefusal(422, "repayment.above_payoff");
        var problem = await refused.ReadJson();
        problem.GetProperty("payoff").GetInt64().ShouldBe(50_000_000);
        problem.GetProperty("excess").GetInt64().ShouldBe(2_050_000_000);
        problem.GetProperty("detail").GetString()!.ShouldContain("50.000.000 ₫");

        (await EventCount()).ShouldBe(events);
        (await Capital()).CashAvailable.ShouldBe(capital.CashAvailable);
        (await Position(id)).Payoff.ShouldBe(50_000_000);
        // the reference was not taken: the payment is booked under it with the right amount
        (await Repaid(id, 50_000_000, Today, reference)).LoanClosed.ShouldBeTrue();
    }

    [Fact]
    public async Task an_overpayment_to_refund_waits_for_a_second_person_and_is_then_booked_with_the_excess_refundable()
    {
        var id = await LoanOwing50Million();
        var capital = await Capital();
        var reference = Reference();

        var submitted = await RepayOverpayment(id, 51_000_000, Today, reference);
        submitted.Context.Response.StatusCode.ShouldBe(202, await submitted.ReadAsTextAsync());
        var pending = await submitted.Read<PendingOverpaymentReceipt>();
        pending.Status.ShouldBe("PendingConfirmation");
        pending.Payoff.ShouldBe(50_000_000);
        pending.Excess.ShouldBe(1_000_000);

        // nothing is booked yet: the loan still owes 50,000,000 ₫ and the fund's cash has not moved
        var waiting = await Loan(id);
        waiting.Stage.ShouldBe(LoanStage.Contracted);
        waiting.Position!.Payoff.ShouldBe(50_000_000);
        waiting.PendingOverpayments.Single().RepaymentId.ShouldBe(pending.RepaymentId);
        waiting.PendingOverpayments.Single().Excess.ShouldBe(1_000_000);
        (await Capital()).CashAvailable.ShouldBe(capital.CashAvailable);
        // its reference is held meanwhile
        await (await Repay(id, 1_000, Today, reference)).ShouldBeRefusal(409, "repayment.duplicate_reference");

        // the recorder cannot confirm it; another person can
        var events = await EventCount();
        await (await ConfirmOverpayment(id, pending.RepaymentId, await TokenFor(Roles.Accountant))).ShouldBeRefusal(403, "four_eyes.submitter_cannot_confirm");
        (await EventCount()).ShouldBe(events);
        var confirmed = await ConfirmOverpayment(id, pending.RepaymentId);
        confirmed.Context.Response.StatusCode.ShouldBe(201, await confirmed.ReadAsTextAsync());
        var receipt = await confirmed.Read<RepaymentReceipt>();
        receipt.RepaymentId.ShouldBe(pending.RepaymentId);
        receipt.Allocation.RefundableExcess.Dong.ShouldBe(1_000_000);
        receipt.LoanClosed.ShouldBeTrue();

        var closed = await Loan(id);
        closed.Stage.ShouldBe(LoanStage.Closed);
        closed.PendingOverpayments.ShouldBeEmpty();
        closed.RefundableExcessAtClosure.ShouldBe(1_000_000);
        closed.Repayments.Single(r => r.RepaymentId == pending.RepaymentId).RecordedBy.ShouldBe(UserName(FundA, Roles.Accountant));
        (await Capital()).CashAvailable.Dong.ShouldBe(capital.CashAvailable.Dong + 51_000_000);

        // confirming again changes nothing: it says it was already confirmed (before the loan being closed since)
        events = await EventCount();
        await (await ConfirmOverpayment(id, pending.RepaymentId)).ShouldBeRefusal(409, "overpayment.already_decided");
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_rejected_overpayment_books_nothing_and_frees_its_reference()
    {
        var id = await LoanOwing50Million();
        var reference = Reference();
        var pending = await (await RepayOverpayment(id, 2_100_000_000, Today, reference)).Read<PendingOverpaymentReceipt>();

        var events = await EventCount();
        var url = $"/api/loans/{id}/repayments/{pending.RepaymentId}/rejection";
        await (await Post(url, new { reason = "" }, await TokenFor(Roles.ChiefAccountant))).ShouldBeRefusal(400, "reason.required");
        await (await Post(url, new { reason = "Nhập nhầm số tiền" }, await TokenFor(Roles.Accountant))).ShouldBeRefusal(403, "four_eyes.submitter_cannot_confirm");
        (await EventCount()).ShouldBe(events);

        var rejected = await Post(url, new { reason = "Nhập nhầm số tiền: sao kê ghi 21.000.000 ₫" }, await TokenFor(Roles.ChiefAccountant));
        rejected.Context.Response.StatusCode.ShouldBe(204, await rejected.ReadAsTextAsync());
        var loan = await Loan(id);
        loan.PendingOverpayments.ShouldBeEmpty();
        loan.Position!.Payoff.ShouldBe(50_000_000);
        loan.History[^1].Description.ShouldContain("Nhập nhầm số tiền");
        await (await ConfirmOverpayment(id, pending.RepaymentId)).ShouldBeRefusal(404, "overpayment.not_found");

        // the same bank reference books the right amount
        (await Repaid(id, 21_000_000, Today, reference)).Allocation.Prepayment.Dong.ShouldBe(21_000_000);
    }

    [Fact]
    public async Task an_amount_within_the_payoff_is_booked_at_once_even_when_marked_as_an_overpayment()
    {
        var id = await LoanOwing50Million();
        var booked = await RepayOverpayment(id, 50_000_000, Today, Reference());
        booked.Context.Response.StatusCode.ShouldBe(201, await booked.ReadAsTextAsync());
        (await booked.Read<RepaymentReceipt>()).LoanClosed.ShouldBeTrue();
    }

    [Fact]
    public async Task only_the_funds_finance_staff_decide_an_overpayment_of_their_own_fund()
    {
        var id = await LoanOwing50Million();
        var pending = await (await RepayOverpayment(id, 60_000_000, Today, Reference())).Read<PendingOverpaymentReceipt>();
        var events = await EventCount();

        (await ConfirmOverpayment(id, pending.RepaymentId, Coop)).Context.Response.StatusCode.ShouldBe(403);
        (await ConfirmOverpayment(id, pending.RepaymentId, await TokenFor(Roles.CreditOfficer))).Context.Response.StatusCode.ShouldBe(403);
        await (await ConfirmOverpayment(id, pending.RepaymentId, await TokenFor(Roles.ChiefAccountant, FundB))).ShouldBeRefusal(404, "loan.not_found");
        await (await ConfirmOverpayment(id, Guid.NewGuid())).ShouldBeRefusal(404, "overpayment.not_found");
        (await EventCount()).ShouldBe(events);

        // the borrower sees the pending payment without the name of who recorded it
        var borrowerView = await Get($"/api/loans/{id}", Coop);
        var pendingView = (await borrowerView.ReadJson()).GetProperty("pendingOverpayments")[0];
        pendingView.GetProperty("submittedBy").GetString().ShouldBe("");
    }
}
