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
using Wolverine;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Loans.WritingOff;

/// <summary>The competent person's decision on a pending proposal, with the approval the fund's legal form requires as a
/// document reference: its number, date and issuing body (for a local LLC fund the provincial Cooperative Alliance).
/// <see cref="Version"/> is optional.</summary>
public sealed record DecideRiskHandling(long? Version, string? DocumentNumber, LocalDate? DocumentDate, string? IssuingBody)
{
    public ApprovalDocument Document() =>
        new(VietnameseText.Normalize(DocumentNumber), DocumentDate!.Value, VietnameseText.Normalize(IssuingBody));

    public sealed class Validator : AbstractValidator<DecideRiskHandling>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.DocumentNumber).RequiredText("document_number", "số văn bản chấp thuận", TextLimits.Reference);
            RuleFor(x => x.DocumentDate).PastDate("document_date", "ngày văn bản chấp thuận", today);
            RuleFor(x => x.IssuingBody).RequiredText("issuing_body", "cơ quan ban hành văn bản chấp thuận", TextLimits.Name);
        }
    }
}

public static class DecideRiskHandlingEndpoint
{
    /// <summary>The roles a fund's policy may name as the decider (<see cref="Policy.RiskHandlingSettings.DecidingRoles"/>); the
    /// rule then checks the one the policy names.</summary>
    public const string DeciderRoles = Roles.Chairman + "," + Roles.Director + "," + Roles.BoardMember;

    public static Task<RiskReads> LoadAsync(Loan? loan, IDocumentSession session, CancellationToken ct) => RiskReads.LoadAsync(session, loan?.Id, ct);

    public static ProblemDetails Validate(Guid id, Guid proposalId, DecideRiskHandling command, IEventStream<Loan> stream, Loan? loan, RiskReads reads,
        ClaimsPrincipal user, LocalDate today) =>
        LoanAccess.Writable(stream, id, command.Version, user, versionRequired: false)
            .Then(() => RiskHandlingRules.Decision(loan!, proposalId, user.ToActor(), reads, today));

    /// <summary>The competent person (fund policy: the Chairman, Decree 45/2021 Art 28.4), never the proposer, decides the
    /// proposal with the approval document. The use of provisions takes the loan's principal outstanding off the balance
    /// sheet today: the loan's specific provision held at the latest completed classification (capped at the principal) is
    /// used, the rest of the principal is charged to expense, and the loan keeps being tracked off-balance with the principal
    /// and interest the borrower owes. The write-off from the books (at least the policy's years later) moves nothing on the
    /// books. The decision's PDF (Quyết định xử lý rủi ro) is issued just after.</summary>
    [Authorize(Roles = DeciderRoles)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/loans/{id}/risk-handling/{proposalId}/decision", OperationId = "decideRiskHandling")]
    [Tags("Xử lý rủi ro")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, Events, OutgoingMessages) Post(Guid id, Guid proposalId, DecideRiskHandling command,
        [Aggregate(Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Loan? loan, RiskReads reads, ClaimsPrincipal user, LocalDate today, Instant now)
    {
        var proposal = loan!.RiskProposalOf(proposalId)!;
        object decided = proposal.Step == RiskHandlingStep.UseOfProvisions
            ? RiskHandlingRules.UseProvisions(loan, proposal, reads, command.Document(), today, user.ToActor(), now, Guid.CreateVersion7(), Guid.CreateVersion7())
            : new LoanWrittenOffFromBooks(id, proposalId, today, loan.PrincipalOffBalance, command.Document(), user.ToActor(), now);
        return (Results.NoContent(), [decided], [new IssueRiskDecisionLetter(id, proposalId)]);
    }
}
