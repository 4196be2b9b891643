using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Loans.Servicing;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Loans.Repaying;

/// <summary>How far back a repayment's value date may be (configuration <c>HtxFund:Repayments:BackdateDays</c>, default 30).</summary>
public sealed class RepaymentSettings(IConfiguration configuration)
{
    public const string BackdateKey = "HtxFund:Repayments:BackdateDays";
    public const int DefaultBackdateDays = 30;
    public int BackdateDays { get; } = configuration.GetValue(BackdateKey, DefaultBackdateDays);
}

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

/// <summary>The pure decisions of repayments and their reversal over the loan, the fund's policy and its capital ledger.</summary>
public static class RepaymentRules
{
    public sealed record Booking(ProblemDetails? Refusal, LoanRepaymentRecorded? Recorded = null, LoanClosed? Closed = null,
        LoanOverpaymentSubmitted? Submitted = null);

    public static ProblemDetails LoanClosed(Loan loan) =>
        Problems.Conflict("loan.closed", $"Khoản vay {loan.Contract?.ContractNumber} đã tất toán: không ghi nhận thêm giao dịch nào.");

    public static ProblemDetails DuplicateReference(string reference) =>
        Problems.Conflict("repayment.duplicate_reference", $"Chứng từ ngân hàng {reference} đã được ghi nhận thu nợ trong quỹ.");

    /// <summary>
    /// Books a repayment: the split is the engine's waterfall at <see cref="RepaymentInput.ValueDate"/>, on the loan as
    /// recorded until now plus this payment, and is stored in the event. The loan closes when, with this payment, it
    /// is fully disbursed and nothing is owed any more (as of <paramref name="today"/>); anything paid beyond the
    /// payoff is refundable, never kept.
    /// <para>An amount above the payoff at the value date is most often a typing error that would turn into fund cash:
    /// without <see cref="RepaymentInput.OverpaymentToRefund"/> it is refused (422 <c>repayment.above_payoff</c>); with
    /// it nothing is booked yet: the result is <see cref="Booking.Submitted"/>, waiting for a second person's
    /// confirmation, which books it with <paramref name="confirming"/> (the pending overpayment: its backdating window
    /// counts from the day it was submitted).</para>
    /// </summary>
    public static Booking Book(Loan loan, RepaymentInput input, LendingPolicy policy, LocalDate today, int backdateDays, Actor actor,
        Instant now, Guid repaymentId, Guid entryId, PendingOverpayment? confirming = null)
    {
        static Booking No(ProblemDetails p) => new(p);
        if (loan.Stage == LoanStage.Closed) return No(LoanClosed(loan));
        if (loan.Contract is not { } contract)
            return No(Problems.Conflict("repayment.no_contract", "Khoản vay chưa ký hợp đồng tín dụng: chưa có nợ để thu."));
        if (input.ValueDate > today)
            return No(Problems.Validation("valueDate", "value_date.in_future", "Ngày giá trị thu nợ không được sau ngày hôm nay."));
        var earliest = (confirming?.SubmittedOn ?? today).PlusDays(-backdateDays);
        if (input.ValueDate < earliest)
            return No(Problems.Unprocessable("repayment.backdated_too_far",
                $"Ngày giá trị {input.ValueDate:dd/MM/yyyy} lùi quá {backdateDays} ngày so với hôm nay (sớm nhất {earliest:dd/MM/yyyy}).",
                new Dictionary<string, object?> { ["earliestValueDate"] = earliest.ToString("yyyy-MM-dd", null) }));
        var disbursedBy = loan.Tranches.Where(t => t.State == TrancheState.Disbursed && t.ValueDate <= input.ValueDate).ToArray();
        if (disbursedBy.Length == 0 || input.ValueDate < contract.Terms.StartDate)
            return No(Problems.Unprocessable("repayment.nothing_disbursed",
                $"Chưa có khoản giải ngân nào đến ngày {input.ValueDate:dd/MM/yyyy}: không có dư nợ để thu."));

        var payment = new Repayment(input.ValueDate, Money.Of(input.Amount)) { Sequence = loan.Repayments.Count }; // after every recorded one
        var statement = LoanTransactions.Statement(loan, input.ValueDate, policy, [payment])!;
        var line = statement.Lines.Single(l => ReferenceEquals(l.Transaction, payment));
        var allocation = RepaymentAllocationParts.From(line.Allocation!.Value);
        // the payment is split after every repayment recorded before it (its sequence), so its excess is what it adds
        if (allocation.RefundableExcess > 0 && confirming is null)
        {
            var payoff = input.Amount - allocation.RefundableExcess;
            if (!input.OverpaymentToRefund)
                return No(AbovePayoff(input, payoff));
            return new(null, Submitted: new LoanOverpaymentSubmitted(loan.Id, repaymentId, input.Amount, input.ValueDate, input.Channel,
                input.BankReference, payoff, today, input.StatementId, actor, now));
        }

        var recorded = new LoanRepaymentRecorded(loan.Id, repaymentId, input.Amount, input.ValueDate, input.Channel, input.BankReference,
            allocation, entryId, input.StatementId, actor, now);

        var after = loan.Apply(recorded);
        var valuation = LoanTransactions.Statement(after, today, policy)!.Valuation;
        var closed = after.Undisbursed == 0 && valuation.Payoff.IsZero && valuation.PrincipalOutstanding.IsZero
            ? new LoanClosed(loan.Id, input.ValueDate, valuation.RefundableExcess.Dong, actor, now)
            : null;
        return new(null, recorded, closed); // the fund's cash line is projected from the event (CapitalLedgerEntry, id entryId)
    }

    /// <summary>An amount above what settles the loan, not marked as an overpayment to refund.</summary>
    public static ProblemDetails AbovePayoff(RepaymentInput input, long payoff) => Problems.Unprocessable("repayment.above_payoff",
        $"Số tiền thu {Money.Of(input.Amount).ToDisplayString()} lớn hơn số tiền tất toán khoản vay tại ngày {input.ValueDate:dd/MM/yyyy} " +
        $"({Money.Of(payoff).ToDisplayString()}). Kiểm tra lại số tiền; nếu người vay thực sự nộp thừa, đánh dấu \"nộp thừa cần hoàn trả\" " +
        "và khoản thu sẽ chờ một người khác xác nhận trước khi ghi sổ.",
        new Dictionary<string, object?> { ["payoff"] = payoff, ["excess"] = input.Amount - payoff });

    /// <summary>The second person's check of a pending overpayment: it exists and its confirmer is not its submitter.</summary>
    public static ProblemDetails? CheckConfirmation(Loan loan, Guid repaymentId, Actor actor, out PendingOverpayment? pending)
    {
        pending = loan.PendingOverpaymentOf(repaymentId);
        if (pending is null)
            return loan.RepaymentOf(repaymentId) is not null
                ? Problems.Conflict("overpayment.already_decided", "Khoản nộp thừa này đã được xác nhận và ghi sổ.")
                : Problems.NotFound("overpayment.not_found", $"Không có khoản nộp thừa {repaymentId} chờ xác nhận trong khoản vay này.");
        if (loan.Stage == LoanStage.Closed) return LoanClosed(loan);
        if (pending.SubmittedBy.UserId == actor.UserId)
            return Problems.Forbidden("four_eyes.submitter_cannot_confirm",
                "Người ghi nhận khoản nộp thừa không được tự xác nhận hoặc từ chối: cần một người khác (nguyên tắc bốn mắt).");
        return null;
    }

    public sealed record Reversal(ProblemDetails? Refusal, LoanRepaymentReversed? Reversed = null);

    /// <summary>Reverses a recorded repayment: by someone other than its recorder, once, on an open loan, and only if the
    /// fund's cash on the original value date and every later date covers taking the money back out.</summary>
    public static Reversal Reverse(Loan loan, Guid repaymentId, string reason, FundCapitalLedger ledger, Actor actor, Instant now, Guid entryId)
    {
        static Reversal No(ProblemDetails p) => new(p);
        if (loan.RepaymentOf(repaymentId) is not { } repayment)
            return No(Problems.NotFound("repayment.not_found", $"Không tìm thấy khoản thu nợ {repaymentId} của khoản vay này."));
        if (loan.Stage == LoanStage.Closed) return No(LoanClosed(loan));
        if (repayment.Reversed)
            return No(Problems.Conflict("repayment.already_reversed", "Khoản thu nợ này đã được hủy trước đó."));
        if (repayment.RecordedBy == actor.UserId)
            return No(Problems.Forbidden("four_eyes.recorder_cannot_reverse",
                "Người ghi nhận khoản thu nợ không được tự hủy: cần một người khác thực hiện (nguyên tắc bốn mắt)."));
        var cash = ledger.LowestCashFrom(repayment.ValueDate);
        if (Money.Of(repayment.Amount) > cash)
            return No(Problems.Unprocessable("repayment.reversal_exceeds_cash",
                $"Hủy khoản thu {Money.Of(repayment.Amount).ToDisplayString()} sẽ làm tiền mặt của quỹ âm (thấp nhất {cash.ToDisplayString()} từ ngày {repayment.ValueDate:dd/MM/yyyy})."));
        // the fund's cash line (the repayment's amounts taken back out) is projected from the event (CapitalLedgerEntry, id entryId)
        return new(null, new LoanRepaymentReversed(loan.Id, repaymentId, reason, entryId, actor, now));
    }
}
