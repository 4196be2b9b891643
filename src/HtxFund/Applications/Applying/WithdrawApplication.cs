using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Applications.Applying;

/// <summary>The applicant withdraws an application, with an optional reason.</summary>
public sealed record WithdrawApplication(long? Version, string? Reason)
{
    public sealed class Validator : AbstractValidator<WithdrawApplication>
    {
        public Validator() => RuleFor(x => x.Reason).OptionalText("reason", "lý do rút hồ sơ", TextLimits.Note);
    }
}

public static class WithdrawApplicationEndpoint
{
    public static ProblemDetails Validate(Guid id, WithdrawApplication command, [Aggregate(Required = false)] LoanApplication? application,
        ClaimsPrincipal user) =>
        ApplicationAccess.Writable(application, id, command.Version, user, "rút hồ sơ", a => a.IsEditableByApplicant || a.IsPending)
        ?? WolverineContinue.NoProblems;

    /// <summary>The applicant withdraws an application that has not been decided.</summary>
    [Authorize(Roles = Roles.Cooperative)]
    [WolverinePost("/api/applications/{id}/withdraw", OperationId = "withdrawApplication")]
    [Tags("Hồ sơ vay")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static Events Post(Guid id, WithdrawApplication command, [Aggregate(Required = false)] LoanApplication? application,
        ClaimsPrincipal user, Instant now) =>
        [new ApplicationWithdrawn(id, VietnameseText.Normalize(command.Reason), user.ToActor(), now)];
}
