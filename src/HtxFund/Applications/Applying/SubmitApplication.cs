using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Time;
using HtxFund.Policy;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Applications.Applying;

public sealed record SubmitApplication(long? Version);

public sealed record ResubmitApplication(long? Version, string? Response);

public sealed record WithdrawApplication(long? Version, string? Reason);

public static class SubmitApplicationEndpoint
{
    /// <summary>Submits a draft: the file is frozen and eligibility is checked (borrower type, enterprise member,
    /// province of a provincial fund, another pending application, own equity ≥ 20 %). The fund enters the file in its
    /// register of loan files: it gets its number (<c>applicationNumber</c>, e.g. <c>HS-2026-00042</c>, unique in the
    /// fund and year), kept through returns and resubmissions.</summary>
    [Authorize(Roles = Roles.Cooperative)]
    [WolverinePost("/api/applications/{id}/submit", OperationId = "submitApplication")]
    [Tags("Hồ sơ vay")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Post(Guid id, SubmitApplication command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, CancellationToken ct)
    {
        var loaded = await ApplicationAccess.ForWriteAsync(session, id, command.Version, user, ct);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        var application = loaded.Application;
        if (application.Status != ApplicationStatus.Draft) return Results.Problem(ApplicationAccess.WrongState(application, "nộp hồ sơ"));

        var refusal = await EligibleToSubmitAsync(session, application, user.FundId(), ct);
        if (refusal is not null) return Results.Problem(refusal);
        var actor = user.ToActor();
        if (await Registers.NumberFileAsync(session, application, actor, time.Now, time.Today, ct) is { } numbered) loaded.Stream!.AppendOne(numbered);
        loaded.Stream!.AppendOne(new ApplicationSubmitted(id, actor, time.Now, time.Today));
        return Results.NoContent();
    }

    internal static async Task<ProblemDetails?> EligibleToSubmitAsync(IDocumentSession session, LoanApplication application, string fundId,
        CancellationToken ct)
    {
        var (borrower, refusal) = await Eligibility.BorrowerAsync(session, application.CooperativeId, application.MemberId, ct);
        if (refusal is not null) return refusal;
        var policy = await FundPolicies.CurrentAsync(session, ct);
        return await Eligibility.ProvinceAsync(session, fundId, borrower!.Cooperative, ct)
               ?? await Eligibility.NoOtherPendingAsync(session, application.Id,
                   ApplicationAccess.BorrowerKey(application.CooperativeId, application.MemberId), ct)
               ?? Eligibility.OwnEquity(application.Request, policy.ToLendingPolicy());
    }
}

public static class ResubmitApplicationEndpoint
{
    /// <summary>The applicant answers the fund's questions and sends the file back; processing time restarts.</summary>
    [Authorize(Roles = Roles.Cooperative)]
    [WolverinePost("/api/applications/{id}/resubmit", OperationId = "resubmitApplication")]
    [Tags("Hồ sơ vay")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Post(Guid id, ResubmitApplication command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, CancellationToken ct)
    {
        var response = Reference.VietnameseText.Normalize(command.Response);
        if (response.Length is 0 or > Infrastructure.Http.TextLimits.Note)
            return Results.Problem(Infrastructure.Http.Problems.Validation("response", "response.required",
                $"Vui lòng trả lời yêu cầu bổ sung của quỹ (tối đa {Infrastructure.Http.TextLimits.Note} ký tự)."));
        var loaded = await ApplicationAccess.ForWriteAsync(session, id, command.Version, user, ct);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        if (loaded.Application.Status != ApplicationStatus.ReturnedForInformation)
            return Results.Problem(ApplicationAccess.WrongState(loaded.Application, "nộp lại hồ sơ"));

        var refusal = await SubmitApplicationEndpoint.EligibleToSubmitAsync(session, loaded.Application, user.FundId(), ct);
        if (refusal is not null) return Results.Problem(refusal);
        var actor = user.ToActor();
        if (await Registers.NumberFileAsync(session, loaded.Application, actor, time.Now, time.Today, ct) is { } numbered)
            loaded.Stream!.AppendOne(numbered);
        loaded.Stream!.AppendOne(new ApplicationResubmitted(id, response, actor, time.Now, time.Today));
        return Results.NoContent();
    }
}

public static class WithdrawApplicationEndpoint
{
    /// <summary>The applicant withdraws an application that has not been decided.</summary>
    [Authorize(Roles = Roles.Cooperative)]
    [WolverinePost("/api/applications/{id}/withdraw", OperationId = "withdrawApplication")]
    [Tags("Hồ sơ vay")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Post(Guid id, WithdrawApplication command, ClaimsPrincipal user, IDocumentSession session,
        BusinessTime time, CancellationToken ct)
    {
        var reason = Reference.VietnameseText.Normalize(command.Reason);
        if (reason.Length > Infrastructure.Http.TextLimits.Note)
            return Results.Problem(Infrastructure.Http.Problems.Validation("reason", "reason.too_long",
                $"Lý do rút hồ sơ không được dài quá {Infrastructure.Http.TextLimits.Note} ký tự."));
        var loaded = await ApplicationAccess.ForWriteAsync(session, id, command.Version, user, ct);
        if (loaded.Refusal is not null) return Results.Problem(loaded.Refusal);
        if (!(loaded.Application.IsEditableByApplicant || loaded.Application.IsPending))
            return Results.Problem(ApplicationAccess.WrongState(loaded.Application, "rút hồ sơ"));
        loaded.Stream!.AppendOne(new ApplicationWithdrawn(id, reason, user.ToActor(), time.Now));
        return Results.NoContent();
    }
}
