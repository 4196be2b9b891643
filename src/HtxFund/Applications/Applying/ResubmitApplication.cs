using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Applications.Applying;

/// <summary>The applicant's answer to the fund's questions.</summary>
public sealed record ResubmitApplication(long? Version, string? Response)
{
    public sealed class Validator : AbstractValidator<ResubmitApplication>
    {
        public Validator() =>
            RuleFor(x => x.Response).RequiredTextWithin(TextLimits.Note)
                .Refuse("response.required", $"Vui lòng trả lời yêu cầu bổ sung của quỹ (tối đa {TextLimits.Note} ký tự).");
    }
}

public static class ResubmitApplicationEndpoint
{
    public static Task<ProblemDetails> ValidateAsync(Guid id, ResubmitApplication command, [Aggregate(Required = false)] LoanApplication? application,
        ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
        Eligibility.RefusalToSendAsync(session, application, id, command.Version, user, ApplicationStatus.ReturnedForInformation, "nộp lại hồ sơ", ct);

    /// <summary>A file submitted before files were numbered gets its number now, in the resubmission's transaction.</summary>
    public static Task<TakenNumbers> BeforeAsync([Aggregate(Required = false)] LoanApplication? application, IDocumentSession session,
        LocalDate today, CancellationToken ct) =>
        Registers.FileNumberAsync(session, application, today, ct);

    /// <summary>The applicant answers the fund's questions and sends the file back; processing time restarts.</summary>
    [Authorize(Roles = Roles.Cooperative)]
    [WolverinePost("/api/applications/{id}/resubmit", OperationId = "resubmitApplication")]
    [Tags("Hồ sơ vay")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static Events Post(Guid id, ResubmitApplication command, [Aggregate(Required = false)] LoanApplication? application,
        TakenNumbers numbers, ClaimsPrincipal user, Instant now, LocalDate today)
    {
        var actor = user.ToActor();
        return [.. numbers.Numbered(id, actor, now), new ApplicationResubmitted(id, VietnameseText.Normalize(command.Response), actor, now, today)];
    }
}
