using System.Security.Claims;
using FluentValidation;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
using JasperFx;
using Marten;
using JasperFx.Events;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Loans.Repaying;

/// <summary>A repayment received: amount (whole đồng), value date, channel and the bank reference (or cash receipt
/// number), unique in the fund. <see cref="Version"/> is optional: when sent, a stale one is refused (409).
/// <see cref="OverpaymentToRefund"/>: an amount above the loan's payoff is refused unless this says it is an overpayment
/// the fund must refund; such a payment then waits for a second person's confirmation before anything is booked.</summary>
public sealed record RecordRepayment(long? Version, long? Amount, LocalDate? ValueDate, RepaymentChannel? Channel, string? BankReference,
    bool? OverpaymentToRefund = null)
{
    public RepaymentInput Input() => new(Amount!.Value, ValueDate!.Value, Channel!.Value, VietnameseText.Normalize(BankReference),
        OverpaymentToRefund: OverpaymentToRefund == true);

    public sealed class Validator : AbstractValidator<RecordRepayment>
    {
        public Validator()
        {
            RuleFor(x => x.Amount).NotNull().Refuse("amount.required", "Vui lòng nhập số tiền thu nợ.")
                .GreaterThan(0).Refuse("amount.not_positive", "Số tiền thu nợ phải lớn hơn 0.")
                .LessThanOrEqualTo(FundCapital.MaxAmount).Refuse("amount.too_large", "Số tiền thu nợ quá lớn.");
            RuleFor(x => x.ValueDate).NotNull().Refuse("value_date.required", "Vui lòng nhập ngày giá trị.");
            RuleFor(x => x.Channel).NotNull().Refuse("channel.required", "Vui lòng chọn hình thức thu (chuyển khoản, tiền mặt, khác).")
                .IsInEnum().Refuse("channel.unknown", "Hình thức thu không hợp lệ.");
            RuleFor(x => x.BankReference).RequiredText("bank_reference", "số chứng từ ngân hàng", TextLimits.Reference);
        }
    }
}

/// <summary>
/// Recording a repayment. The walk from HTTP to the store, in six hops:
/// <list type="number">
/// <item>the app's middleware (authentication, the <c>Idempotency-Key</c>), then Wolverine's generated endpoint, which
/// checks the body's shape (<see cref="RecordRepayment.Validator"/>);</item>
/// <item>Wolverine loads the loan's inline snapshot (<see cref="Loan"/>) and its stream's version, holding the stream's
/// row for the rest of the transaction (<c>LoadStyle = Exclusive</c>): repayments of one loan are decided one after
/// the other, never on a stale loan, so simultaneous repayments are all booked (no fund-wide lock: only the loan);</item>
/// <item><see cref="LoadAsync"/>: the bank reference's booking and the fund's policy, in one round trip, after the loan
/// is held (so a reference booked on this loan a moment ago is seen);</item>
/// <item><see cref="Before"/>: access and version (<see cref="LoanAccess.Writable"/>), then the decision
/// (<see cref="RepaymentRules.Record"/>): "is the loan closed?" once, the reference, and one valuation by the engine
/// that splits the payment and says whether it settles the loan;</item>
/// <item><see cref="Post"/>: the events and the reference's document, returned;</item>
/// <item>Wolverine appends the events (checking the stream's version), writes the inline projections of the loan's
/// events (the loan, its <see cref="GettingDetails.LoanDetails"/>, the fund's cash line) and the reference, and commits.</item>
/// </list>
/// A reference booked at the same moment by a repayment of another loan fails at commit on its unique key, nothing
/// written: <see cref="OnException"/> answers it as any booked reference, 409 <c>repayment.duplicate_reference</c>.
/// </summary>
public static class RecordRepaymentEndpoint
{
    /// <summary>The reference's booking and the policy, read once the loan is held (the <paramref name="loan"/> parameter
    /// orders this step after Wolverine's load).</summary>
    public static Task<RepaymentReads> LoadAsync(RecordRepayment command, Loan? loan, IDocumentSession session, CancellationToken ct) =>
        RepaymentReads.LoadAsync(session, VietnameseText.Normalize(command.BankReference), ct);

    public static (ProblemDetails, RepaymentBooking?) Before(Guid id, RecordRepayment command, IEventStream<Loan> stream, Loan? loan, RepaymentReads reads, ClaimsPrincipal user, LocalDate today, Instant now) =>
        RepaymentBooking.After(LoanAccess.Writable(stream, id, command.Version, user, versionRequired: false),
            () => RepaymentRules.Record(loan!, command.Input(), reads, today, reads.BackdateDays, user.ToActor(), now,
                Guid.CreateVersion7(), Guid.CreateVersion7()));

    /// <summary>The reference was booked by another loan's repayment between this one's read and its commit.</summary>
    public static ProblemDetails OnException(DocumentAlreadyExistsException e, RecordRepayment command) =>
        RepaymentRules.DuplicateReference(VietnameseText.Normalize(command.BankReference));

    /// <summary>Records a repayment received for the loan (Accountant). The split by the engine's waterfall at the value
    /// date is stored in the event; a backdated value date is allowed within the policy's backdating window (<c>repaymentBackdateDays</c>).
    /// A payment of the payoff closes the loan. An amount above the payoff is refused (422 <c>repayment.above_payoff</c>,
    /// with <c>payoff</c> and <c>excess</c>) unless <c>overpaymentToRefund</c> is true: it is then recorded as pending
    /// (202) and booked, with the excess refundable, only when a second person confirms it.</summary>
    [Authorize(Roles = Roles.Accountant)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/repayments", OperationId = "recordRepayment")]
    [Tags("Thu nợ")]
    [ProducesResponseType<RepaymentReceipt>(201)]
    [ProducesResponseType<PendingOverpaymentReceipt>(202)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events, IMartenOp, Wolverine.OutgoingMessages) Post(Guid id, RecordRepayment command,
        [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan, RepaymentBooking booking) =>
        (booking.Pending is { } pending ? Results.Accepted($"/api/loans/{id}", pending) : Results.Created($"/api/loans/{id}", booking.Receipt),
            booking.ToEvents(), booking.Reference is { } reference ? MartenOps.Insert(reference) : MartenOps.Nothing(), booking.AfterCommit());
}
