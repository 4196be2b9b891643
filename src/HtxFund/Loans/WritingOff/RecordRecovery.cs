using System.Security.Claims;
using FluentValidation;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Loans.Repaying;
using HtxFund.Reference;
using JasperFx;
using JasperFx.Events;
using Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Loans.WritingOff;

/// <summary>Money recovered on a loan off the balance sheet: amount (whole đồng), value date, where it came from (sale of
/// collateral, a guarantor, the borrower) and the bank reference (or cash receipt number), unique in the fund.</summary>
public sealed record RecordRecovery(long? Amount, LocalDate? ValueDate, RecoverySource? Source, string? BankReference)
{
    public sealed class Validator : AbstractValidator<RecordRecovery>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.Amount).NotNull().Refuse("amount.required", "Vui lòng nhập số tiền thu hồi.")
                .GreaterThan(0).Refuse("amount.not_positive", "Số tiền thu hồi phải lớn hơn 0.")
                .LessThanOrEqualTo(FundCapital.MaxAmount).Refuse("amount.too_large", "Số tiền thu hồi quá lớn.");
            RuleFor(x => x.ValueDate).PastDate("value_date", "ngày giá trị thu hồi", today);
            RuleFor(x => x.Source).NotNull().Refuse("source.required", "Vui lòng chọn nguồn thu hồi (bán tài sản bảo đảm, bên bảo lãnh, người vay).")
                .IsInEnum().Refuse("source.unknown", "Nguồn thu hồi không hợp lệ.");
            RuleFor(x => x.BankReference).RequiredText("bank_reference", "số chứng từ ngân hàng", TextLimits.Reference);
        }
    }
}

/// <summary>What was booked: the recovery and its cash-in line on the capital ledger.</summary>
public sealed record RecoveryReceipt(Guid RecoveryId, long Amount, Guid CapitalEntryId, long RecoveredTotal);

/// <summary>The bank reference's booking and the policy, read once the loan is held.</summary>
public sealed record RecoveryReads(BookedBankReference? Booked, HtxFund.Lending.LendingPolicy Policy);

public static class RecordRecoveryEndpoint
{
    public static async Task<RecoveryReads> LoadAsync(RecordRecovery command, Loan? loan, IDocumentSession session, CancellationToken ct)
    {
        var reads = await RepaymentReads.LoadAsync(session, VietnameseText.Normalize(command.BankReference), ct);
        return new RecoveryReads(reads.Booked, reads.Policy);
    }

    public static ProblemDetails Validate(Guid id, RecordRecovery command, IEventStream<Loan> stream, Loan? loan, RecoveryReads reads, ClaimsPrincipal user,
        LocalDate today) =>
        LoanAccess.Writable(stream, id, null, user, versionRequired: false)
            .Then(() => RiskHandlingRules.Recovery(loan!, command.Amount!.Value, command.ValueDate!.Value, VietnameseText.Normalize(command.BankReference),
                reads.Booked, reads.Policy, today));

    /// <summary>The reference was booked by another loan between this one's read and its commit.</summary>
    public static ProblemDetails OnException(DocumentAlreadyExistsException e, RecordRecovery command) =>
        RepaymentRules.DuplicateReference(VietnameseText.Normalize(command.BankReference));

    /// <summary>Records money recovered on a loan whose provisions were used (Accountant): booked as recovery income, cash in
    /// on the fund's capital ledger. Refused above what may still be recovered (422 <c>recovery.above_limit</c> with
    /// <c>limit</c>): the principal taken off the balance sheet plus the interest owed at the value date, less what was
    /// recovered before. The bank reference is unique in the fund (shared with repayments) and the <c>Idempotency-Key</c>
    /// answers a repeat once, so a double submission books nothing twice.</summary>
    [Authorize(Roles = Roles.Accountant)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/recoveries", OperationId = "recordRecovery")]
    [Tags("Xử lý rủi ro")]
    [ProducesResponseType<RecoveryReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events, IMartenOp) Post(Guid id, RecordRecovery command, [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan,
        ClaimsPrincipal user, Instant now)
    {
        var reference = VietnameseText.Normalize(command.BankReference);
        var recorded = new LoanRecoveryRecorded(id, Guid.CreateVersion7(), command.Amount!.Value, command.ValueDate!.Value, command.Source!.Value, reference,
            Guid.CreateVersion7(), user.ToActor(), now);
        var receipt = new RecoveryReceipt(recorded.RecoveryId, recorded.Amount, recorded.CapitalEntryId, loan!.Recovered + recorded.Amount);
        return (Results.Created($"/api/loans/{id}", receipt), [recorded],
            MartenOps.Insert(new BookedBankReference(BookedBankReference.Key(reference), id, recorded.RecoveryId, now)));
    }
}
