using System.Security.Claims;
using FluentValidation;
using HtxFund.Applications;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.Collateral.Exempting;

/// <summary>The Director exempted the application from the policy's minimum collateral coverage, as the fund's internal
/// regulation allows (Decree 45/2021 Art 31.2), with the reason and the reference of the decision. On the application's stream.</summary>
public sealed record CollateralRequirementExempted(Guid ApplicationId, string Reason, string Reference, Actor By, Instant At);

/// <summary>Exempts an application from the minimum collateral coverage: <see cref="Reason"/> (the risk and
/// repayment-capacity assessment it rests on) and <see cref="Reference"/> (the number of the Director's decision).</summary>
public sealed record ExemptFromCollateral(long? Version, string? Reason, string? Reference)
{
    public sealed class Validator : AbstractValidator<ExemptFromCollateral>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).RequiredText("reason", "lý do miễn tài sản bảo đảm", TextLimits.Note);
            RuleFor(x => x.Reference).RequiredText("reference", "số quyết định miễn tài sản bảo đảm", TextLimits.Reference);
        }
    }
}

public static class ExemptFromCollateralEndpoint
{
    public static ProblemDetails Validate(Guid id, ExemptFromCollateral command, [Aggregate(Required = false)] LoanApplication? application,
        ClaimsPrincipal user) =>
        ApplicationAccess.Writable(application, id, command.Version, user, "miễn tài sản bảo đảm",
            a => a.Status is ApplicationStatus.Submitted or ApplicationStatus.ReturnedForInformation or ApplicationStatus.Appraised)
        ?? (application!.CollateralExemption is not null
            ? Problems.Conflict("collateral_exemption.already_recorded", "Hồ sơ này đã được miễn tài sản bảo đảm.")
            : WolverineContinue.NoProblems);

    /// <summary>Records the Director's exemption of an application from the minimum collateral coverage of the policy
    /// (Decree 45/2021 Art 31.2): its appraisal may then recommend approval whatever the coverage. Answers 204.</summary>
    [Authorize(Roles = Roles.Director)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/applications/{id}/collateral-exemption", OperationId = "exemptFromCollateral")]
    [Tags("Tài sản bảo đảm")]
    [EmptyResponse]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static CollateralRequirementExempted Post(Guid id, ExemptFromCollateral command, [Aggregate(Required = false)] LoanApplication? application,
        ClaimsPrincipal user, Instant now) =>
        new(id, VietnameseText.Normalize(command.Reason), VietnameseText.Normalize(command.Reference), user.ToActor(), now);
}
