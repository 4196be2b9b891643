using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
using Marten;
using JasperFx.Events;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Loans.Disbursing;

/// <summary>An Accountant's request to pay out a tranche of a signed loan to the borrower's bank account.</summary>
public sealed record PrepareTranche(long? Version, decimal? Amount, LocalDate? ValueDate, string? BeneficiaryAccount, string? BankName,
    string? Reference)
{
    public sealed class Validator : AbstractValidator<PrepareTranche>
    {
        public Validator()
        {
            RuleFor(x => x.Amount).WholeDong("amount", "số tiền giải ngân");
            RuleFor(x => x.ValueDate).NotNull().Refuse("value_date.required", "Vui lòng nhập ngày giá trị giải ngân.");
            RuleFor(x => x.BeneficiaryAccount).RequiredText("beneficiary_account", "số tài khoản thụ hưởng", 34);
            RuleFor(x => x.BeneficiaryAccount)
                .Must(a => System.Text.RegularExpressions.Regex.IsMatch(VietnameseText.Normalize(a), "^[0-9A-Za-z]{6,34}$"))
                .When(x => VietnameseText.Normalize(x.BeneficiaryAccount).Length > 0)
                .Refuse("beneficiary_account.format", "Số tài khoản thụ hưởng chỉ gồm 6–34 chữ số hoặc chữ cái, không có khoảng trắng.");
            RuleFor(x => x.BankName).RequiredText("bank_name", "tên ngân hàng thụ hưởng", TextLimits.Name);
            RuleFor(x => x.Reference).RequiredText("reference", "nội dung, số chứng từ giải ngân", TextLimits.Name);
        }
    }
}

public sealed record TrancheReceipt(Guid TrancheId, long Amount, LocalDate ValueDate, TrancheState State);

public static class PrepareTrancheEndpoint
{
    public static Task<DisbursementReads> LoadAsync(PrepareTranche command, Loan? loan, IDocumentSession session, CancellationToken ct) =>
        DisbursementReads.LoadAsync(session, loan, command.ValueDate, ct);

    public static ProblemDetails Validate(Guid id, PrepareTranche command, IEventStream<Loan> stream, Loan? loan, DisbursementReads reads,
        ClaimsPrincipal user, LocalDate today) =>
        LoanAccess.Writable(stream, id, command.Version, user)
            .Then(() => DisbursementRules.Check(loan!, decimal.ToInt64(command.Amount!.Value), command.ValueDate!.Value, today,
                reads.Ledger.LowestCashFrom(command.ValueDate!.Value), reads.CreditCheckMaxAgeDays) ?? reads.LimitsRefusal);

    /// <summary>Prepares a tranche (first of the four eyes). Every disbursement rule is checked now so that the
    /// ChiefAccountant is not asked to confirm what cannot be paid; confirmation checks them all again.</summary>
    [Authorize(Roles = Roles.Accountant)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/tranches", OperationId = "prepareTranche")]
    [Tags("Giải ngân")]
    [ProducesResponseType<TrancheReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events) Post(Guid id, PrepareTranche command, [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan, ClaimsPrincipal user, Instant now)
    {
        var prepared = Decide(command, loan!, Guid.CreateVersion7(), user.ToActor(), now);
        return (Results.Created($"/api/loans/{id}", new TrancheReceipt(prepared.TrancheId, prepared.Amount, prepared.ValueDate, TrancheState.Prepared)),
            [prepared]);
    }

    /// <summary>The tranche of a command that passed the rules (its texts normalised).</summary>
    public static TranchePrepared Decide(PrepareTranche c, Loan loan, Guid trancheId, Actor actor, Instant now) =>
        new(loan.Id, trancheId, decimal.ToInt64(c.Amount!.Value), c.ValueDate!.Value, VietnameseText.Normalize(c.BeneficiaryAccount),
            VietnameseText.Normalize(c.BankName), VietnameseText.Normalize(c.Reference), actor, now);
}
