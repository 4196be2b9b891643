using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
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

/// <summary>The Risk Handling Council's proposal (Decree 45/2021 Art 29): the step (use of provisions, write-off from the
/// books), the ground (required for the use of provisions: debt group 5 or the borrower's dissolution, bankruptcy, death,
/// disappearance or permanent disability, Decree 86/2024), the reason and the recovery measures taken so far.</summary>
public sealed record ProposeRiskHandling(long? Version, RiskHandlingStep? Step, RiskHandlingGround? Ground, string? Reason, string? RecoveryActions)
{
    public sealed class Validator : AbstractValidator<ProposeRiskHandling>
    {
        public Validator()
        {
            RuleFor(x => x.Step).NotNull().Refuse("step.required", "Vui lòng chọn sử dụng dự phòng hoặc xuất toán.")
                .IsInEnum().Refuse("step.unknown", "Bước xử lý rủi ro không hợp lệ.");
            RuleFor(x => x.Ground).NotNull().When(x => x.Step == RiskHandlingStep.UseOfProvisions)
                .Refuse("ground.required", "Vui lòng chọn căn cứ sử dụng dự phòng (nợ nhóm 5, người vay giải thể, phá sản, chết, mất tích...).");
            RuleFor(x => x.Ground).IsInEnum().When(x => x.Ground is not null).Refuse("ground.unknown", "Căn cứ sử dụng dự phòng không hợp lệ.");
            RuleFor(x => x.Reason).RequiredText("reason", "lý do đề xuất", TextLimits.Note);
            RuleFor(x => x.RecoveryActions).RequiredText("recovery_actions", "các biện pháp thu hồi nợ đã thực hiện", TextLimits.Note);
        }
    }
}

public sealed record RiskProposalReceipt(Guid ProposalId);

public static class ProposeRiskHandlingEndpoint
{
    public static Task<RiskReads> LoadAsync(Loan? loan, IDocumentSession session, CancellationToken ct) => RiskReads.LoadAsync(session, loan?.Id, ct);

    public static ProblemDetails Validate(Guid id, ProposeRiskHandling command, IEventStream<Loan> stream, Loan? loan, RiskReads reads, ClaimsPrincipal user,
        LocalDate today) =>
        LoanAccess.Writable(stream, id, command.Version, user)
            .Then(() => RiskHandlingRules.Proposal(loan!, command.Step!.Value, GroundOf(command, loan!), reads, today));

    /// <summary>A Risk Handling Council member proposes to use the provisions against the loan's principal (it then leaves the
    /// balance sheet) or to write it off the books. Nothing changes until the competent person (fund policy: the Chairman)
    /// decides.</summary>
    [Authorize(Roles = Roles.RiskCouncil)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/risk-handling", OperationId = "proposeRiskHandling")]
    [Tags("Xử lý rủi ro")]
    [ProducesResponseType<RiskProposalReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events) Post(Guid id, ProposeRiskHandling command, [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan,
        ClaimsPrincipal user, LocalDate today, Instant now)
    {
        var proposed = new LoanRiskHandlingProposed(id, Guid.CreateVersion7(), command.Step!.Value, GroundOf(command, loan!),
            VietnameseText.Normalize(command.Reason), VietnameseText.Normalize(command.RecoveryActions), today, user.ToActor(), now);
        return (Results.Created($"/api/loans/{id}", new RiskProposalReceipt(proposed.ProposalId)), [proposed]);
    }

    /// <summary>The ground sent, or for a write-off without one the ground the provisions were used on.</summary>
    private static RiskHandlingGround GroundOf(ProposeRiskHandling command, Loan loan) => command.Ground
        ?? loan.RiskProposals.LastOrDefault(p => p.Step == RiskHandlingStep.UseOfProvisions && p.State == RiskProposalState.Decided)?.Ground
        ?? RiskHandlingGround.DebtGroup5;
}
