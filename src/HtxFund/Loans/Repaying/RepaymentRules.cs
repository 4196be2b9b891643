using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Loans.Repaying;

/// <summary>One repayment to book, already validated (amount above 0, reference normalised).
/// <paramref name="OverpaymentToRefund"/>: the recorder says that an amount above the payoff is really an overpayment
/// to refund (it then waits for a second person's confirmation); without it such an amount is refused.</summary>
public sealed record RepaymentInput(long Amount, LocalDate ValueDate, RepaymentChannel Channel, string BankReference, Guid? StatementId = null,
    bool OverpaymentToRefund = false);

/// <summary>
/// A bank reference booked by the fund (document id: the normalised reference). Inserted with the repayment, so a
/// second booking of the same reference, even a concurrent one, fails at commit. A reversed repayment keeps its
/// reference: the corrected payment is booked under a reference of its own (e.g. with a suffix).
/// </summary>
public sealed record BookedBankReference(string Id, Guid LoanId, Guid RepaymentId, Instant At)
{
    public static string Key(string reference) => reference.Trim().ToUpperInvariant();
}

/// <summary>What a repayment's decision reads besides the loan, in one round trip: the bank reference's booking in the
/// fund (null when it is free, or when confirming a pending overpayment, whose reference is already held) and the
/// fund's lending policy, with the policy's backdating window (<see cref="Policy.FundPolicySettings.RepaymentBackdateDays"/>: how
/// many days before today a value date may be).</summary>
public sealed record RepaymentReads(BookedBankReference? Booked, LendingPolicy Policy,
    int BackdateDays = Policy.FundPolicySettings.DefaultRepaymentBackdateDays)
{
    public static async Task<RepaymentReads> LoadAsync(IQuerySession session, string? bankReference, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var booked = bankReference is null ? null : batch.Load<BookedBankReference>(BookedBankReference.Key(bankReference));
        var policy = FundPolicies.Load(batch);
        await batch.Execute(ct);
        var current = FundPolicies.Current(await policy);
        return new RepaymentReads(booked is null ? null : await booked, current.ToLendingPolicy(), current.Settings.RepaymentBackdateDays);
    }
}

/// <summary>What was booked: the split stored in the event, and whether the loan closed with it.</summary>
public sealed record RepaymentReceipt(Guid RepaymentId, long Amount,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(PaymentAllocationJson))] PaymentAllocation Allocation,
    Guid CapitalEntryId, bool LoanClosed);

/// <summary>An overpayment recorded and waiting for a second person's confirmation (202): nothing is booked yet.
/// <see cref="Payoff"/> settled the loan at the value date; <see cref="Excess"/> is what would be refunded.</summary>
public sealed record PendingOverpaymentReceipt(Guid RepaymentId, long Amount, long Payoff, long Excess, string Status = "PendingConfirmation");

/// <summary>A repayment decided: refused (<see cref="Refusal"/>), held as an overpayment for a second person
/// (<see cref="Submitted"/>, with its bank reference taken), or booked (<see cref="Recorded"/>, after the confirmation of a
/// pending overpayment when <see cref="Confirmed"/>, and closing the loan when <see cref="Closed"/>).</summary>
public sealed record RepaymentBooking(ProblemDetails? Refusal, LoanRepaymentRecorded? Recorded = null, LoanClosed? Closed = null,
    LoanOverpaymentSubmitted? Submitted = null, LoanOverpaymentConfirmed? Confirmed = null, BookedBankReference? Reference = null)
{
    public static RepaymentBooking Refused(ProblemDetails refusal) => new(refusal);

    /// <summary>What a slice's <c>Before</c> answers: the access refusal (the booking is then not decided), else the
    /// booking's own refusal or none, with the booking for <c>Post</c>.</summary>
    public static (ProblemDetails, RepaymentBooking?) After(ProblemDetails access, Func<RepaymentBooking> decide)
    {
        if (access != Wolverine.Http.WolverineContinue.NoProblems) return (access, null);
        var booking = decide();
        return (booking.Refusal ?? Wolverine.Http.WolverineContinue.NoProblems, booking);
    }

    /// <summary>The events to append to the loan, in order.</summary>
    public Wolverine.Marten.Events ToEvents() => new(new object?[] { Submitted, Confirmed, Recorded, Closed }.OfType<object>());

    /// <summary>The messages handled after the commit: a loan repaid in full has its collateral pledges released.</summary>
    public Wolverine.OutgoingMessages AfterCommit() =>
        Closed is { } closed ? [new Collateral.Releasing.ReleaseLoanPledges(closed.LoanId, closed.ClosedOn)] : [];

    public RepaymentReceipt? Receipt => Recorded is { } r ? new RepaymentReceipt(r.RepaymentId, r.Amount, r.Allocation, r.CapitalEntryId, Closed is not null) : null;

    public PendingOverpaymentReceipt? Pending => Submitted is { } s
        ? new PendingOverpaymentReceipt(s.RepaymentId, s.Amount, s.Payoff, s.Amount - s.Payoff) : null;
}

/// <summary>The pure decisions of repayments over the loan and the fund's policy: recording (the HTTP command and each
/// line of a bank statement alike), the second person's confirmation or rejection of an overpayment, and reversal.</summary>
public static class RepaymentRules
{
    public static ProblemDetails DuplicateReference(string reference) =>
        Problems.Conflict("repayment.duplicate_reference", $"Chứng từ ngân hàng {reference} đã được ghi nhận thu nợ trong quỹ.");

    /// <summary>
    /// Records a repayment of an open loan whose bank reference is free: the split is the engine's waterfall at
    /// <see cref="RepaymentInput.ValueDate"/>, on the loan as recorded until now plus this payment, and is stored in the
    /// event. The loan closes when, with this payment, it is fully disbursed and nothing is owed any more (as of
    /// <paramref name="today"/>); anything paid beyond the payoff is refundable, never kept. One valuation decides it all.
    /// <para>An amount above the payoff at the value date is most often a typing error that would turn into fund cash:
    /// without <see cref="RepaymentInput.OverpaymentToRefund"/> it is refused (422 <c>repayment.above_payoff</c>); with
    /// it nothing is booked yet (<see cref="RepaymentBooking.Submitted"/>, its reference taken), waiting for a second
    /// person's confirmation (<see cref="ConfirmOverpayment"/>).</para>
    /// </summary>
    public static RepaymentBooking Record(Loan loan, RepaymentInput input, RepaymentReads reads, LocalDate today, int backdateDays, Actor actor,
        Instant now, Guid repaymentId, Guid entryId)
    {
        if (LoanAccess.RefuseIfClosed(loan) is { } closed) return RepaymentBooking.Refused(closed);
        if (reads.Booked is not null) return RepaymentBooking.Refused(DuplicateReference(input.BankReference));
        var booking = Decide(loan, input, reads.Policy, today, backdateDays, actor, now, repaymentId, entryId, null);
        return booking.Refusal is null ? booking with { Reference = new BookedBankReference(BookedBankReference.Key(input.BankReference), loan.Id, repaymentId, now) }
            : booking;
    }

    /// <summary>The second person's confirmation of the pending overpayment <paramref name="repaymentId"/>: booked as its
    /// submitter recorded it, on its value date (the backdating window counts from the day it was submitted), the excess
    /// refundable; its bank reference was taken when it was submitted.</summary>
    public static RepaymentBooking ConfirmOverpayment(Loan loan, Guid repaymentId, LendingPolicy policy, LocalDate today, int backdateDays,
        Actor actor, Instant now, Guid entryId)
    {
        if (CheckConfirmation(loan, repaymentId, actor) is { } refusal) return RepaymentBooking.Refused(refusal);
        var pending = loan.PendingOverpaymentOf(repaymentId)!;
        var input = new RepaymentInput(pending.Amount, pending.ValueDate, pending.Channel, pending.BankReference, pending.StatementId, true);
        var booking = Decide(loan, input, policy, today, backdateDays, pending.SubmittedBy, now, repaymentId, entryId, pending);
        return booking.Refusal is null ? booking with { Confirmed = new LoanOverpaymentConfirmed(loan.Id, repaymentId, actor, now) } : booking;
    }

    private static RepaymentBooking Decide(Loan loan, RepaymentInput input, LendingPolicy policy, LocalDate today, int backdateDays, Actor actor,
        Instant now, Guid repaymentId, Guid entryId, PendingOverpayment? confirming)
    {
        if (loan.Contract is not { } contract)
            return RepaymentBooking.Refused(Problems.Conflict("repayment.no_contract", "Khoản vay chưa ký hợp đồng tín dụng: chưa có nợ để thu."));
        if (loan.OffBalanceSince is { } offBalance)
            return RepaymentBooking.Refused(Problems.Conflict("repayment.loan_off_balance",
                $"Khoản vay đã được xử lý rủi ro bằng dự phòng ngày {offBalance:dd/MM/yyyy}: tiền thu được ghi nhận là thu hồi nợ đã xử lý (/api/loans/{loan.Id}/recoveries)."));
        if (input.ValueDate > today)
            return RepaymentBooking.Refused(Problems.Validation("valueDate", "value_date.in_future", "Ngày giá trị thu nợ không được sau ngày hôm nay."));
        var earliest = (confirming?.SubmittedOn ?? today).PlusDays(-backdateDays);
        if (input.ValueDate < earliest)
            return RepaymentBooking.Refused(Problems.Unprocessable("repayment.backdated_too_far",
                $"Ngày giá trị {input.ValueDate:dd/MM/yyyy} lùi quá {backdateDays} ngày so với hôm nay (sớm nhất {earliest:dd/MM/yyyy}).",
                new Dictionary<string, object?> { ["earliestValueDate"] = earliest.ToString("yyyy-MM-dd", null) }));
        if (!loan.LentBy(input.ValueDate) || input.ValueDate < contract.Terms.StartDate)
            return RepaymentBooking.Refused(Problems.Unprocessable("repayment.nothing_disbursed",
                $"Chưa có khoản giải ngân nào đến ngày {input.ValueDate:dd/MM/yyyy}: không có dư nợ để thu."));

        // The loan valued once, as of today, with this payment after every repayment recorded before it (its sequence):
        // its line is its split at the value date (nothing later changes how it is split), the valuation says whether it settles the loan.
        var payment = new Repayment(input.ValueDate, Money.Of(input.Amount)) { Sequence = loan.Repayments.Count };
        var statement = LoanTransactions.Statement(loan, today, policy, [payment])!;
        var allocation = statement.Lines.Single(l => ReferenceEquals(l.Transaction, payment)).Allocation!.Value;
        if (allocation.RefundableExcess.IsPositive && confirming is null)
        {
            var payoff = input.Amount - allocation.RefundableExcess.Dong;
            if (!input.OverpaymentToRefund) return RepaymentBooking.Refused(AbovePayoff(input, payoff));
            return new RepaymentBooking(null, Submitted: new LoanOverpaymentSubmitted(loan.Id, repaymentId, input.Amount, input.ValueDate,
                input.Channel, input.BankReference, payoff, today, input.StatementId, actor, now));
        }

        var recorded = new LoanRepaymentRecorded(loan.Id, repaymentId, input.Amount, input.ValueDate, input.Channel, input.BankReference,
            allocation, entryId, input.StatementId, actor, now);
        var valuation = statement.Valuation;
        var settles = loan.Undisbursed == 0 && valuation.Payoff.IsZero && valuation.PrincipalOutstanding.IsZero;
        return new RepaymentBooking(null, recorded,
            settles ? new LoanClosed(loan.Id, input.ValueDate, valuation.RefundableExcess.Dong, actor, now) : null);
    }

    /// <summary>An amount above what settles the loan, not marked as an overpayment to refund.</summary>
    public static ProblemDetails AbovePayoff(RepaymentInput input, long payoff) => Problems.Unprocessable("repayment.above_payoff",
        $"Số tiền thu {Money.Of(input.Amount).ToDisplayString()} lớn hơn số tiền tất toán khoản vay tại ngày {input.ValueDate:dd/MM/yyyy} " +
        $"({Money.Of(payoff).ToDisplayString()}). Kiểm tra lại số tiền; nếu người vay thực sự nộp thừa, đánh dấu \"nộp thừa cần hoàn trả\" " +
        "và khoản thu sẽ chờ một người khác xác nhận trước khi ghi sổ.",
        new Dictionary<string, object?> { ["payoff"] = payoff, ["excess"] = input.Amount - payoff });

    /// <summary>The second person's check of a pending overpayment, to confirm or to reject it: it exists, the loan is
    /// open and its decider is not its submitter.</summary>
    public static ProblemDetails? CheckConfirmation(Loan loan, Guid repaymentId, Actor actor)
    {
        if (loan.PendingOverpaymentOf(repaymentId) is not { } pending)
            return loan.RepaymentOf(repaymentId) is not null
                ? Problems.Conflict("overpayment.already_decided", "Khoản nộp thừa này đã được xác nhận và ghi sổ.")
                : Problems.NotFound("overpayment.not_found", $"Không có khoản nộp thừa {repaymentId} chờ xác nhận trong khoản vay này.");
        if (LoanAccess.RefuseIfClosed(loan) is { } closed) return closed;
        if (pending.SubmittedBy.UserId == actor.UserId)
            return Problems.Forbidden("four_eyes.submitter_cannot_confirm",
                "Người ghi nhận khoản nộp thừa không được tự xác nhận hoặc từ chối: cần một người khác (nguyên tắc bốn mắt).");
        return null;
    }

    /// <summary>The checks of a reversal: the repayment exists, the loan is open, it was not reversed yet, the reverser is
    /// not its recorder, and the fund's cash on the original value date and every later date (<paramref name="lowestCash"/>,
    /// read under the fund's lock) covers taking the money back out.</summary>
    public static ProblemDetails? CheckReversal(Loan loan, Guid repaymentId, Actor actor, Func<LocalDate, Money> lowestCashFrom)
    {
        if (loan.RepaymentOf(repaymentId) is not { } repayment)
            return Problems.NotFound("repayment.not_found", $"Không tìm thấy khoản thu nợ {repaymentId} của khoản vay này.");
        if (LoanAccess.RefuseIfClosed(loan) is { } closed) return closed;
        if (repayment.Reversed)
            return Problems.Conflict("repayment.already_reversed", "Khoản thu nợ này đã được hủy trước đó.");
        if (repayment.RecordedBy == actor.UserId)
            return Problems.Forbidden("four_eyes.recorder_cannot_reverse",
                "Người ghi nhận khoản thu nợ không được tự hủy: cần một người khác thực hiện (nguyên tắc bốn mắt).");
        var cash = lowestCashFrom(repayment.ValueDate);
        if (Money.Of(repayment.Amount) > cash)
            return Problems.Unprocessable("repayment.reversal_exceeds_cash",
                $"Hủy khoản thu {Money.Of(repayment.Amount).ToDisplayString()} sẽ làm tiền mặt của quỹ âm (thấp nhất {cash.ToDisplayString()} từ ngày {repayment.ValueDate:dd/MM/yyyy}).");
        return null;
    }
}
