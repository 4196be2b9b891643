using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Applications.Applying;

/// <summary>The applicant changes a draft, or an application returned for more information. Submission freezes it.</summary>
public sealed record EditDraft(long? Version, LoanRequestInput? Request)
{
    public sealed class Validator : AbstractValidator<EditDraft>
    {
        public Validator() => RuleFor(x => x.Request).LoanRequest();
    }
}

public static class EditDraftEndpoint
{
    public static ProblemDetails Validate(Guid id, EditDraft command, [Aggregate(Required = false)] LoanApplication? application,
        ClaimsPrincipal user) =>
        ApplicationAccess.Writable(application, id, command.Version, user, "sửa hồ sơ", a => a.IsEditableByApplicant)
        ?? WolverineContinue.NoProblems;

    [Authorize(Roles = Roles.Cooperative)]
    [WolverinePut("/api/applications/{id}", OperationId = "editApplication")]
    [Tags("Hồ sơ vay")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static Events Put(Guid id, EditDraft command, [Aggregate(Required = false)] LoanApplication? application, ClaimsPrincipal user,
        Instant now) =>
        [new ApplicationDraftEdited(id, command.Request!.ToRequest(), user.ToActor(), now)];
}
