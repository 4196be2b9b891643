using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Policy;
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

namespace HtxFund.Loans.Waiving;

/// <summary>A request to waive or reduce (miễn, giảm) <see cref="Amount"/> đồng of the interest unpaid on <see cref="Date"/>
/// (Decree 45/2021 Art 25.2), on <see cref="Ground"/>, with the reason.</summary>
public sealed record RequestInterestWaiver(long? Version, LocalDate? Date, long? Amount, WaiverGround? Ground, string? Reason)
{
    public sealed class Validator : AbstractValidator<RequestInterestWaiver>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.Date).PastDate("date", "ngày miễn, giảm lãi", today);
            RuleFor(x => x.Amount).Cascade(CascadeMode.Stop)
                .NotNull().Refuse("amount.required", "Vui lòng nhập số tiền lãi miễn, giảm.")
                .GreaterThan(0).Refuse("amount.not_positive", "Số tiền lãi miễn, giảm phải lớn hơn 0.")
                .LessThanOrEqualTo(Capital.FundCapital.MaxAmount).Refuse("amount.too_large", "Số tiền lãi miễn, giảm không được vượt quá 10^15 đồng.");
            RuleFor(x => x.Ground).NotNull().Refuse("ground.required", "Vui lòng chọn căn cứ miễn, giảm lãi.")
                .IsInEnum().Refuse("ground.unknown", "Căn cứ miễn, giảm lãi không hợp lệ.");
            RuleFor(x => x.Reason).RequiredText("reason", "lý do miễn, giảm lãi", TextLimits.Note);
        }
    }
}

public sealed record InterestWaiverReceipt(Guid WaiverId);

public static class RequestInterestWaiverEndpoint
{
    public static Task<RiskDecisionPolicy> LoadAsync(IDocumentSession session, CancellationToken ct) => RiskDecisionPolicy.LoadAsync(session, ct);

    public static ProblemDetails Validate(Guid id, RequestInterestWaiver command, IEventStream<Loan> stream, Loan? loan, RiskDecisionPolicy policy,
        ClaimsPrincipal user) =>
        LoanAccess.Writable(stream, id, command.Version, user)
            .Then(() => WaiverRules.Request(loan!, command.Date!.Value, command.Amount!.Value, policy.Lending));

    /// <summary>A CreditOfficer requests an interest waiver or reduction: the amount of unpaid interest (penalty interest
    /// first, never principal, at most what is owed on the date), the ground (the borrower cannot pay, or another ground
    /// of the fund's policy) and the reason. Nothing changes until a decider whose authority covers the amount approves
    /// (fund policy <c>riskApprovals.waivers</c>).</summary>
    [Authorize(Roles = Roles.CreditOfficer)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/interest-waivers", OperationId = "requestInterestWaiver")]
    [Tags("Miễn, giảm lãi")]
    [ProducesResponseType<InterestWaiverReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events) Post(Guid id, RequestInterestWaiver command, [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan,
        ClaimsPrincipal user, Instant now)
    {
        var requested = Decide(command, id, Guid.CreateVersion7(), user.ToActor(), now);
        return (Results.Created($"/api/loans/{id}", new InterestWaiverReceipt(requested.WaiverId)), [requested]);
    }

    /// <summary>The request of a command that passed the rules (its reason normalised).</summary>
    public static LoanInterestWaiverRequested Decide(RequestInterestWaiver c, Guid loanId, Guid waiverId, Actor actor, Instant now) =>
        new(loanId, waiverId, c.Date!.Value, c.Amount!.Value, c.Ground!.Value, VietnameseText.Normalize(c.Reason), actor, now);
}
