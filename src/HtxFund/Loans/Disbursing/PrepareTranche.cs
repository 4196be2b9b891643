using System.Security.Claims;
using FluentValidation;
using HtxFund.Applications;
using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Infrastructure.Time;
using HtxFund.Policy;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Loans.Disbursing;

/// <summary>An Accountant's request to pay out a tranche of a signed loan to the borrower's bank account.</summary>
public sealed record PrepareTranche(long? Version, decimal? Amount, LocalDate? ValueDate, string? BeneficiaryAccount, string? BankName,
    string? Reference)
{
    public PrepareTranche Normalised() => this with
    {
        BeneficiaryAccount = VietnameseText.Normalize(BeneficiaryAccount), BankName = VietnameseText.Normalize(BankName),
        Reference = VietnameseText.Normalize(Reference),
    };

    public sealed class Validator : AbstractValidator<PrepareTranche>
    {
        public Validator()
        {
            RuleFor(x => x.Amount).WholeDong("amount", "số tiền giải ngân");
            RuleFor(x => x.ValueDate).NotNull().Refuse("value_date.required", "Vui lòng nhập ngày giá trị giải ngân.");
            RuleFor(x => x.BeneficiaryAccount).RequiredText("beneficiary_account", "số tài khoản thụ hưởng", 34);
            RuleFor(x => x.BeneficiaryAccount).Matches("^[0-9A-Za-z]{6,34}$").When(x => !string.IsNullOrEmpty(x.BeneficiaryAccount))
                .Refuse("beneficiary_account.format", "Số tài khoản thụ hưởng chỉ gồm 6–34 chữ số hoặc chữ cái, không có khoảng trắng.");
            RuleFor(x => x.BankName).RequiredText("bank_name", "tên ngân hàng thụ hưởng", TextLimits.Name);
            RuleFor(x => x.Reference).RequiredText("reference", "nội dung, số chứng từ giải ngân", TextLimits.Name);
        }
    }
}

public sealed record TrancheReceipt(Guid TrancheId, long Amount, LocalDate ValueDate, TrancheState State);

public static class PrepareTrancheEndpoint
{
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
    public static async Task<IResult> Post(Guid id, PrepareTranche command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, DisbursementSettings settings, CancellationToken ct)
    {
        var c = command.Normalised();
        var invalid = Validation.Check(c, new PrepareTranche.Validator());
        if (invalid != WolverineContinue.NoProblems) return Results.Problem(invalid);

        var loaded = await LoanAccess.ForWriteAsync(session, id, c.Version, user, ct);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        var loan = loaded.Loan;
        var amount = decimal.ToInt64(c.Amount!.Value);
        var valueDate = c.ValueDate!.Value;
        var ledger = await FundCapital.LedgerAsync(session, ct);
        if (DisbursementRules.Check(loan, amount, valueDate, time.Today, ledger.LowestCashFrom(valueDate), settings.CreditCheckMaxAgeDays) is { } refusal)
            return Results.Problem(refusal);
        if (await LimitsRefusalAsync(session, loan, valueDate, ct) is { } limits) return Results.Problem(limits);

        var prepared = Decide(c, loan, Guid.CreateVersion7(), user.ToActor(), time.Now);
        loaded.Stream!.AppendOne(prepared);
        return Results.Created($"/api/loans/{id}", new TrancheReceipt(prepared.TrancheId, prepared.Amount, prepared.ValueDate, TrancheState.Prepared));
    }

    /// <summary>The pure decision over a validated command that passed the rules.</summary>
    public static TranchePrepared Decide(PrepareTranche c, Loan loan, Guid trancheId, Actor actor, Instant now) =>
        new(loan.Id, trancheId, decimal.ToInt64(c.Amount!.Value), c.ValueDate!.Value, c.BeneficiaryAccount!, c.BankName!, c.Reference!, actor, now);

    /// <summary>The borrower's limits at the value date (Decree 45/2021 Art 23.2), against the actual charter capital
    /// then: this loan weighs its whole contracted amount (disbursed or still committed), its group's other loans their
    /// exposure.</summary>
    public static async Task<ProblemDetails?> LimitsRefusalAsync(IQuerySession session, Loan loan, LocalDate valueDate, CancellationToken ct)
    {
        var policy = (await FundPolicies.CurrentAsync(session, ct)).ToLendingPolicy();
        var outcome = await LimitChecks.ComputeAsync(session, loan.Id, loan.CooperativeId, loan.MemberId, loan.Request,
            loan.ContractedAmount, valueDate, policy, ct);
        return outcome.AllPassed ? null : LimitChecks.Refusal(outcome, "giải ngân", "disbursement.limits_exceeded");
    }
}
