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
/// number), unique in the fund. <see cref="Version"/> is optional: when sent, a stale one is refused (409).</summary>
public sealed record RecordRepayment(long? Version, long? Amount, LocalDate? ValueDate, RepaymentChannel? Channel, string? BankReference)
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
            RuleFor(x => x.BankReference).RequiredText("bank_reference", "số chứng từ ngân hàng", 100);
        }
    }
}

/// <summary>What was booked: the split stored in the event, and whether the loan closed with it.</summary>
public sealed record RepaymentReceipt(Guid RepaymentId, long Amount, RepaymentAllocationParts Allocation, Guid CapitalEntryId, bool LoanClosed);

/// <summary>Books repayments for the endpoint and the bank statement import alike.</summary>
public static class RepaymentBooking
{
    private const int MaxAttempts = 5;

    public sealed record Result(ProblemDetails? Refusal, RepaymentReceipt? Receipt);

    /// <summary>
    /// Books one repayment in its own transaction: <see cref="LoanRepaymentRecorded"/> (and <see cref="LoanClosed"/> when
    /// it settles the loan) on the loan, the matching <see cref="LoanRepaymentReceived"/> on the fund's capital stream and
    /// the <see cref="BookedBankReference"/>, all or nothing. The loan's stream version serialises repayments of one loan
    /// (a conflict is decided again from a fresh read). A repayment only adds capital and decides nothing from the
    /// ledger, so it does not read it. Appends to the fund's one capital stream must still queue (two at once would take
    /// the same next version), so the transaction (the caller's, on its own connection) first writes the loan's events,
    /// the inline views and the bank reference, and only then takes the fund's capital lock (the advisory lock of
    /// <see cref="FundCapital.LockAsync"/>), appends the capital entry and commits: a fund's repayments queue for one
    /// round trip and the commit, not for the whole command. A reference booked concurrently fails and answers 409.
    /// </summary>
    public static async Task<Result> BookAsync(IDocumentStore store, NpgsqlDataSource database, ClaimsPrincipal user, Guid loanId,
        long? version, RepaymentInput input, BusinessTime time, RepaymentSettings settings, CancellationToken ct)
    {
        var fund = user.FundId();
        for (var attempt = 1; ; attempt++)
        {
            var failure = FirstDatabaseFailure.Watch();
            try
            {
                return await AttemptAsync(store, database, user, fund, loanId, version, input, time, settings, ct);
            }
            catch (Exception e) when (IsDuplicate(e))
            {
                return new(RepaymentRules.DuplicateReference(input.BankReference), null);
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

    private static async Task<Result> AttemptAsync(IDocumentStore store, NpgsqlDataSource database, ClaimsPrincipal user, string fund,
        Guid loanId, long? version, RepaymentInput input, BusinessTime time, RepaymentSettings settings, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var options = Marten.Services.SessionOptions.ForTransaction(transaction);
        options.TenantId = fund;
        await using var session = store.LightweightSession(options);
        // the loan (its snapshot and stream version), the reference and the fund's policy in one round trip
        var key = BookedBankReference.Key(input.BankReference);
        var reads = session.CreateBatchQuery();
        var streamRead = reads.Events.FetchForWriting<Servicing.LoanSnapshot>(loanId);
        var bookedRead = reads.Load<BookedBankReference>(key);
        var policyRead = FundPolicies.Load(reads);
        await reads.Execute(ct);
        var loaded = await LoanAccess.ForWriteAsync(session, await streamRead, loanId, version, user, ct, versionRequired: false);
        if (loaded.Refusal is not null) return new(loaded.Refusal, null);
        if (loaded.Loan.Stage == LoanStage.Closed) return new(RepaymentRules.LoanClosed(loaded.Loan), null);
        if (await bookedRead is not null)
            return new(RepaymentRules.DuplicateReference(input.BankReference), null);
        var policy = FundPolicies.Current(await policyRead).ToLendingPolicy();
        var repaymentId = Guid.CreateVersion7();
        var booking = RepaymentRules.Book(loaded.Loan, input, policy, time.Today, settings.BackdateDays, user.ToActor(), time.Now,
            repaymentId, Guid.CreateVersion7());
        if (booking.Refusal is not null) return new(booking.Refusal, null);

        loaded.Stream!.AppendOne(booking.Recorded!);
        if (booking.Closed is not null) loaded.Stream.AppendOne(booking.Closed);
        session.Insert(new BookedBankReference(key, loanId, repaymentId, time.Now));
        await session.SaveChangesAsync(ct); // sent, not committed
        await FundCapital.HoldLockAsync(session, ct);
        // The capital stream's version under the lock (one primary-key read): appended with it, the event's version is
        // known to the inline projection of the ledger's lines (CapitalLedgerEntry), as after FetchForWriting.
        var capital = await session.Events.FetchStreamStateAsync(FundCapital.StreamId, ct);
        if (capital is null) session.Events.StartStream<FundCapitalLedger>(FundCapital.StreamId, booking.Received!);
        else session.Events.Append(FundCapital.StreamId, capital.Version + 1, booking.Received!);
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
    /// A payment of at least the payoff closes the loan; the excess is reported as refundable.</summary>
    [Authorize(Roles = Roles.Accountant)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/repayments", OperationId = "recordRepayment")]
    [Tags("Thu nợ")]
    [ProducesResponseType<RepaymentReceipt>(201)]
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
            new RepaymentInput(c.Amount!.Value, c.ValueDate!.Value, c.Channel!.Value, c.BankReference!), time, settings, ct);
        return result.Refusal is not null
            ? Results.Problem(result.Refusal)
            : Results.Created($"/api/loans/{id}", result.Receipt);
    }
}
