using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Loans.GettingDetails;
using HtxFund.Policy;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Collections;

/// <summary>The cooperative promises to pay <see cref="Amount"/> đồng by <see cref="PayBy"/>.</summary>
public sealed record MakePromiseToPay(long? Amount, LocalDate? PayBy, string? Note)
{
    public sealed class Validator : AbstractValidator<MakePromiseToPay>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.Amount).NotNull().Refuse("amount.required", "Vui lòng nhập số tiền hứa trả.")
                .GreaterThan(0).Refuse("amount.not_positive", "Số tiền hứa trả phải lớn hơn 0.")
                .LessThanOrEqualTo(Capital.FundCapital.MaxAmount).Refuse("amount.too_large", "Số tiền hứa trả không được vượt quá 10^15 đồng.");
            RuleFor(x => x.PayBy).NotNull().Refuse("pay_by.required", "Vui lòng nhập ngày hẹn trả.")
                .Must(d => d is null || d >= today).Refuse("pay_by.in_past", "Ngày hẹn trả không được trước ngày hôm nay.");
            RuleFor(x => x.Note).OptionalText("note", "ghi chú", TextLimits.Note);
        }
    }
}

public sealed record PromiseToPayReceipt(Guid PromiseId, Guid? Supersedes);

public static class MakePromiseToPayEndpoint
{
    public static Guid CaseId(Guid id) => CollectionCase.StreamId(id);

    public static async Task<(LoanDetails?, CollectionSettings)> LoadAsync(Guid id, IQuerySession session, CancellationToken ct) =>
        (await CollectionRules.LoanAsync(id, session, ct), (await FundPolicies.CurrentAsync(session, ct)).Settings.Collections ?? CollectionSettings.Default);

    public static ProblemDetails Validate(Guid id, MakePromiseToPay command, LoanDetails? loan, CollectionSettings settings, LocalDate today) =>
        CollectionRules.Collectable(id, loan) ?? CollectionRules.Promise(command.PayBy!.Value, today, settings) ?? WolverineContinue.NoProblems;

    /// <summary>Records the cooperative's promise to pay an amount by a date (at most the policy's
    /// <c>collections.maxPromiseDays</c> ahead). A promise made while another is open supersedes it. The day after the
    /// promised date the daily run decides it kept or broken from the repayments.</summary>
    [Authorize(Roles = $"{Roles.CreditOfficer},{Roles.Director}")]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/collections/promises", OperationId = "makePromiseToPay")]
    [Tags("Thu nợ")]
    [ProducesResponseType<PromiseToPayReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events) Post(Guid id, MakePromiseToPay command, LoanDetails? loan,
        [Aggregate(Required = false, FromMethod = nameof(CaseId))] CollectionCase? @case, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var made = Decide(command, id, @case, Guid.CreateVersion7(), today, user.ToActor(), now);
        return (Results.Created($"/api/loans/{id}/collections", new PromiseToPayReceipt(made.PromiseId, made.Supersedes)), [made]);
    }

    public static PromiseToPayMade Decide(MakePromiseToPay c, Guid loanId, CollectionCase? @case, Guid promiseId, LocalDate today, Actor by,
        Instant now) =>
        new(CollectionCase.StreamId(loanId), loanId, promiseId, c.Amount!.Value, c.PayBy!.Value, today, VietnameseText.Normalize(c.Note),
            @case?.OpenPromise?.PromiseId, by, now);
}
