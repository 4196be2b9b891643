using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Applications.Applying;

/// <summary>A cooperative starts a loan application as a draft, for itself or for one of its individual members.</summary>
public sealed record StartApplication(Guid? MemberId, LoanRequestInput? Request);

public static class StartApplicationEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(StartApplication command, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (command.Request is null) return Problems.Validation("request", "request.required", "Vui lòng nhập nội dung đề nghị vay.");
        var invalid = Validation.Check(command.Request, new LoanRequestInput.Validator());
        if (invalid != WolverineContinue.NoProblems) return invalid;
        if (user.CooperativeId() is not { } cooperativeId)
            return Problems.Forbidden("application.no_cooperative", "Tài khoản không gắn với tổ chức nào.");
        var (_, refusal) = await Eligibility.BorrowerAsync(session, cooperativeId, command.MemberId, ct);
        return refusal ?? WolverineContinue.NoProblems;
    }

    /// <summary>Starts a draft application (201 with its location). Send <c>Idempotency-Key</c> to make retries safe.</summary>
    [Authorize(Roles = Roles.Cooperative)]
    [WolverinePost("/api/applications", OperationId = "startApplication")]
    [Tags("Hồ sơ vay")]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<(CreationResponse<Guid>, IStartStream)> Post(StartApplication command, ClaimsPrincipal user,
        IQuerySession session, BusinessTime time, CancellationToken ct)
    {
        var cooperativeId = user.CooperativeId()!.Value;
        var (borrower, _) = await Eligibility.BorrowerAsync(session, cooperativeId, command.MemberId, ct);
        var drafted = Decide(command, Guid.CreateVersion7(), cooperativeId, borrower!.Name, borrower.Cooperative.Province, user.ToActor(), time.Now, time.Today);
        return (new CreationResponse<Guid>($"/api/applications/{drafted.ApplicationId}", drafted.ApplicationId),
            MartenOps.StartStream<LoanApplication>(drafted.ApplicationId, drafted));
    }

    public static ApplicationDrafted Decide(StartApplication command, Guid id, Guid cooperativeId, string borrowerName, string province,
        Actor actor, Instant now, LocalDate today) =>
        new(id, cooperativeId, command.MemberId, borrowerName, province, command.Request!.ToRequest(), actor, now, today);
}
