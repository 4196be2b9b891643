using System.Security.Claims;
using FluentValidation;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Database;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Infrastructure.Time;
using HtxFund.Policy;
using HtxFund.Reference;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Npgsql;
using Wolverine.Http;

namespace HtxFund.Loans.Repaying;

/// <summary>A repayment received: amount (whole đồng), value date, channel and the bank reference (or cash receipt
/// number), unique in the fund. <see cref="Version"/> is optional: when sent, a stale one is refused (409).
/// <see cref="OverpaymentToRefund"/>: an amount above the loan's payoff is refused unless this says it is an overpayment
/// the fund must refund; such a payment then waits for a second person's confirmation before anything is booked.</summary>
public sealed record RecordRepayment(long? Version, long? Amount, LocalDate? ValueDate, RepaymentChannel? Channel, string? BankReference,
    bool? OverpaymentToRefund = null)
{
    public RecordRepayment Normalised() => this with { BankReference = VietnameseText.Normalize(BankReference) };

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

/// <summary>What was booked: the split stored in the event, and whether the loan closed with it.</summary>
public sealed record RepaymentReceipt(Guid RepaymentId, long Amount, RepaymentAllocationParts Allocation, Guid CapitalEntryId, bool LoanClosed);

/// <summary>An overpayment recorded and waiting for a second person's confirmation (202): nothing is booked yet.
/// <see cref="Payoff"/> settled the loan at the value date; <see cref="Excess"/> is what would be refunded.</summary>
public sealed record PendingOverpaymentReceipt(Guid RepaymentId, long Amount, long Payoff, long Excess, string Status = "PendingConfirmation");

/// <summary>Books repayments for the endpoint and the bank statement import alike.</summary>
public static class RepaymentBooking
{
    private const int MaxAttempts = 5;

    public sealed record Result(ProblemDetails? Refusal, RepaymentReceipt? Receipt, PendingOverpaymentReceipt? Pending = null);

    /// <summary>
    /// Books one repayment in its own transaction: <see cref="LoanRepaymentRecorded"/> (and <see cref="LoanClosed"/> when
    /// it settles the loan) on the loan and the <see cref="BookedBankReference"/>, all or nothing; the fund's cash line is
    /// projected from the loan's event in the same transaction (<see cref="CapitalLedgerEntry"/>, a document of its own).
    /// The loan's stream version serialises repayments of one loan (a conflict is decided again from a fresh read). A
    /// repayment only adds cash and decides nothing from the fund's ledger, so it neither reads it nor takes the fund's
    /// capital lock: repayments of different loans of a fund run side by side. A reference booked concurrently fails and
    /// answers 409.
    /// </summary>
    /// <para>An amount above the payoff marked as an overpayment to refund is only submitted: its
    /// <see cref="LoanOverpaymentSubmitted"/> and the bank reference are written, nothing touches the capital stream.</para>
    public static Task<Result> BookAsync(IDocumentStore store, NpgsqlDataSource database, ClaimsPrincipal user, Guid loanId,
        long? version, RepaymentInput input, BusinessTime time, RepaymentSettings settings, CancellationToken ct) =>
        RetryAsync(input.BankReference, () => AttemptAsync(store, database, user, user.FundId(), loanId, version, input, null, time, settings, ct));

    /// <summary>Books a pending overpayment confirmed by <paramref name="user"/> (never its submitter), like
    /// <see cref="BookAsync"/>: <see cref="LoanOverpaymentConfirmed"/>, then its <see cref="LoanRepaymentRecorded"/> (by its
    /// submitter, the excess refundable) and cash-in, in one transaction.</summary>
    public static Task<Result> ConfirmOverpaymentAsync(IDocumentStore store, NpgsqlDataSource database, ClaimsPrincipal user, Guid loanId,
        long? version, Guid repaymentId, BusinessTime time, RepaymentSettings settings, CancellationToken ct) =>
        RetryAsync("", () => AttemptAsync(store, database, user, user.FundId(), loanId, version, null, repaymentId, time, settings, ct));

    private static async Task<Result> RetryAsync(string reference, Func<Task<Result>> attemptAsync)
    {
        for (var attempt = 1; ; attempt++)
        {
            var failure = FirstDatabaseFailure.Watch();
            try
            {
                return await attemptAsync();
            }
            catch (Exception e) when (IsDuplicate(e))
            {
                return new(RepaymentRules.DuplicateReference(reference), null);
            }
            catch (Exception e) when (StreamConflicts.IsConflict(e) && attempt < MaxAttempts)
            {
                continue;
            }
            catch (InvalidOperationException) when (failure.Value is { } first && DatabaseFailures.Classify(first) is not null)
            {
                // Marten retried a transient failure on this transaction after rolling it back: answer the failure itself
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
                throw;
            }
        }
    }

    /// <summary>One attempt: a new repayment (<paramref name="input"/>), or the confirmation of the pending overpayment
    /// <paramref name="confirming"/>.</summary>
    private static async Task<Result> AttemptAsync(IDocumentStore store, NpgsqlDataSource database, ClaimsPrincipal user, string fund,
        Guid loanId, long? version, RepaymentInput? input, Guid? confirming, BusinessTime time, RepaymentSettings settings, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var options = Marten.Services.SessionOptions.ForTransaction(transaction);
        options.TenantId = fund;
        await using var session = store.LightweightSession(options);
        // the loan (its snapshot and stream version), the reference and the fund's policy in one round trip
        var reads = session.CreateBatchQuery();
        var streamRead = reads.Events.FetchForWriting<Servicing.LoanSnapshot>(loanId);
        var bookedRead = input is null ? null : reads.Load<BookedBankReference>(BookedBankReference.Key(input.BankReference));
        var policyRead = FundPolicies.Load(reads);
        await reads.Execute(ct);
        var loaded = await LoanAccess.ForWriteAsync(session, await streamRead, loanId, version, user, ct, versionRequired: false);
        if (loaded.Refusal is not null) return new(loaded.Refusal, null);
        if (loaded.Loan.Stage == LoanStage.Closed) return new(RepaymentRules.LoanClosed(loaded.Loan), null);
        var actor = user.ToActor();
        PendingOverpayment? pending = null;
        if (confirming is { } pendingId)
        {
            if (RepaymentRules.CheckConfirmation(loaded.Loan, pendingId, actor, out pending) is { } refusal) return new(refusal, null);
            input = new RepaymentInput(pending!.Amount, pending.ValueDate, pending.Channel, pending.BankReference, pending.StatementId, true);
        }
        else if (await bookedRead! is not null)
        {
            return new(RepaymentRules.DuplicateReference(input!.BankReference), null);
        }
        var policy = FundPolicies.Current(await policyRead).ToLendingPolicy();
        var repaymentId = pending?.RepaymentId ?? Guid.CreateVersion7();
        var booking = RepaymentRules.Book(loaded.Loan, input!, policy, time.Today, settings.BackdateDays, pending?.SubmittedBy ?? actor, time.Now,
            repaymentId, Guid.CreateVersion7(), pending);
        if (booking.Refusal is not null) return new(booking.Refusal, null);

        if (booking.Submitted is { } submitted)
        {
            // held for the second person: the reference is taken, nothing is booked and the fund's capital is not touched
            loaded.Stream!.AppendOne(submitted);
            session.Insert(new BookedBankReference(BookedBankReference.Key(input!.BankReference), loanId, repaymentId, time.Now));
            await session.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new(null, null, new PendingOverpaymentReceipt(repaymentId, submitted.Amount, submitted.Payoff, submitted.Amount - submitted.Payoff));
        }
        if (pending is not null) loaded.Stream!.AppendOne(new LoanOverpaymentConfirmed(loanId, pending.RepaymentId, actor, time.Now));
        loaded.Stream!.AppendOne(booking.Recorded!);
        if (booking.Closed is not null) loaded.Stream.AppendOne(booking.Closed);
        if (pending is null) session.Insert(new BookedBankReference(BookedBankReference.Key(input!.BankReference), loanId, repaymentId, time.Now));
        await session.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var r = booking.Recorded!;
        return new(null, new RepaymentReceipt(repaymentId, r.Amount, r.Allocation, r.CapitalEntryId, booking.Closed is not null));
    }

    private static bool IsDuplicate(Exception e) =>
        !StreamConflicts.IsConflict(e) && (e is DocumentAlreadyExistsException || e.InnerException is DocumentAlreadyExistsException
        || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation });
}

public static class RecordRepaymentEndpoint
{
    /// <summary>Records a repayment received for the loan (Accountant). The split by the engine's waterfall at the value
    /// date is stored in the event; a backdated value date is allowed within <c>HtxFund:Repayments:BackdateDays</c>.
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
    public static async Task<IResult> Post(Guid id, RecordRepayment command, ClaimsPrincipal user, IDocumentStore store,
        NpgsqlDataSource database, BusinessTime time, RepaymentSettings settings, CancellationToken ct)
    {
        var c = command.Normalised();
        var invalid = Validation.Check(c, new RecordRepayment.Validator());
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);
        var result = await RepaymentBooking.BookAsync(store, database, user, id, c.Version,
            new RepaymentInput(c.Amount!.Value, c.ValueDate!.Value, c.Channel!.Value, c.BankReference!, OverpaymentToRefund: c.OverpaymentToRefund == true),
            time, settings, ct);
        return result switch
        {
            { Refusal: { } refusal } => Results.Problem(refusal),
            { Pending: { } pending } => Results.Accepted($"/api/loans/{id}", pending),
            _ => Results.Created($"/api/loans/{id}", result.Receipt),
        };
    }
}
