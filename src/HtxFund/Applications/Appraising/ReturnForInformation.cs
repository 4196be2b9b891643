using System.Security.Claims;
using FluentValidation;
using HtxFund.Applications.Deciding;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Applications.Appraising;

/// <summary>What the applicant must add before the file is appraised again.</summary>
public sealed record ReturnForInformation(long? Version, string? Questions)
{
    public sealed class Validator : AbstractValidator<ReturnForInformation>
    {
        public Validator() =>
            RuleFor(x => x.Questions).RequiredTextWithin(TextLimits.Note)
                .Refuse("questions.required", $"Vui lòng nêu rõ thông tin cần bổ sung (tối đa {TextLimits.Note} ký tự).");
    }
}

public static class ReturnForInformationEndpoint
{
    public static ProblemDetails Validate(Guid id, ReturnForInformation command, [Aggregate(Required = false)] LoanApplication? application,
        ClaimsPrincipal user) =>
        ApplicationAccess.Writable(application, id, command.Version, user, "trả lại hồ sơ",
            a => a.Status is ApplicationStatus.Submitted or ApplicationStatus.Appraised)
        ?? WolverineContinue.NoProblems;

    /// <summary>The credit officer sends a submitted or appraised application back to the applicant with what is missing.
    /// Votes already cast are voided (<c>BoardVotesVoided</c>); the board keeps the decision after the file comes back.</summary>
    [Authorize(Roles = Roles.CreditOfficer)]
    [WolverinePost("/api/applications/{id}/return", OperationId = "returnApplicationForInformation")]
    [Tags("Thẩm định")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static Events Post(Guid id, ReturnForInformation command, [Aggregate(Required = false)] LoanApplication? application, ClaimsPrincipal user,
        Instant now, LocalDate today)
    {
        var actor = user.ToActor();
        var events = new Events();
        if (Decisions.VoidVotes(application!, "trả hồ sơ để bổ sung thông tin", actor, now) is { } voided) events.Add(voided);
        events.Add(new ApplicationReturnedForInformation(id, VietnameseText.Normalize(command.Questions), actor, now, today));
        return events;
    }
}
