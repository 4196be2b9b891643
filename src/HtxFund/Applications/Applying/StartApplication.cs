using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Applications.Applying;

/// <summary>A cooperative starts a loan application as a draft, for itself or for one of its individual members.</summary>
public sealed record StartApplication(Guid? MemberId, LoanRequestInput? Request)
{
    public sealed class Validator : AbstractValidator<StartApplication>
    {
        public Validator() => RuleFor(x => x.Request).LoanRequest();
    }
}

public static class StartApplicationEndpoint
{
    /// <summary>Who borrows: the user's cooperative, or the member named (Decree 45/2021 Art 20).</summary>
    public static async Task<Eligibility.BorrowerCheck> LoadAsync(StartApplication command, ClaimsPrincipal user, IQuerySession session,
        CancellationToken ct) =>
        user.CooperativeId() is { } cooperativeId
            ? await Eligibility.BorrowerAsync(session, cooperativeId, command.MemberId, ct)
            : new(null, Problems.Forbidden("application.no_cooperative", "Tài khoản không gắn với tổ chức nào."));

    public static ProblemDetails Validate(Eligibility.BorrowerCheck borrower) => borrower.Refusal ?? WolverineContinue.NoProblems;

    /// <summary>Starts a draft application (201 with its location). Send <c>Idempotency-Key</c> to make retries safe.</summary>
    [Authorize(Roles = Roles.Cooperative)]
    [WolverinePost("/api/applications", OperationId = "startApplication")]
    [Tags("Hồ sơ vay")]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (CreationResponse<Guid>, IStartStream) Post(StartApplication command, Eligibility.BorrowerCheck borrower, ClaimsPrincipal user,
        Instant now, LocalDate today)
    {
        var found = borrower.Borrower!;
        var drafted = Decide(command, Guid.CreateVersion7(), found.Cooperative.Id, found.Name, found.Cooperative.Province, user.ToActor(), now, today);
        return (new CreationResponse<Guid>($"/api/applications/{drafted.ApplicationId}", drafted.ApplicationId),
            MartenOps.StartStream<LoanApplication>(drafted.ApplicationId, drafted));
    }

    public static ApplicationDrafted Decide(StartApplication command, Guid id, Guid cooperativeId, string borrowerName, string province,
        Actor actor, Instant now, LocalDate today) =>
        new(id, cooperativeId, command.MemberId, borrowerName, province, command.Request!.ToRequest(), actor, now, today);
}
