using System.Security.Claims;
using HtxFund.Identity;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Applications.Applying;

public sealed record SubmitApplication(long? Version);

public static class SubmitApplicationEndpoint
{
    public static Task<ProblemDetails> ValidateAsync(Guid id, SubmitApplication command, [Aggregate(Required = false)] LoanApplication? application,
        ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
        Eligibility.RefusalToSendAsync(session, application, id, command.Version, user, ApplicationStatus.Draft, "nộp hồ sơ", ct);

    /// <summary>The file's number in the fund's register, taken in the submission's transaction once it may go ahead.</summary>
    public static Task<TakenNumbers> BeforeAsync([Aggregate(Required = false)] LoanApplication? application, IDocumentSession session,
        LocalDate today, CancellationToken ct) =>
        Registers.FileNumberAsync(session, application, today, ct);

    /// <summary>Submits a draft: the file is frozen and eligibility is checked (borrower type, enterprise member,
    /// province of a provincial fund, another pending application, own equity at the policy's minimum). The fund enters
    /// the file in its register of loan files: it gets its number (<c>applicationNumber</c>, e.g. <c>HS-2026-00042</c>,
    /// unique in the fund and year), kept through returns and resubmissions.</summary>
    [Authorize(Roles = Roles.Cooperative)]
    [WolverinePost("/api/applications/{id}/submit", OperationId = "submitApplication")]
    [Tags("Hồ sơ vay")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Events Post(Guid id, SubmitApplication command, [Aggregate(Required = false)] LoanApplication? application,
        TakenNumbers numbers, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var actor = user.ToActor();
        return [.. numbers.Numbered(id, actor, now), new ApplicationSubmitted(id, actor, now, today)];
    }
}
