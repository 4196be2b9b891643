using System.Security.Claims;
using FluentValidation;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;
using HtxFund.SignUps.Mailing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.SignUps.Reviewing;

/// <summary>The fund's staff refuse a sign-up, with the reason the applicant is emailed.</summary>
public sealed record RefuseSignUp(string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<RefuseSignUp>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).RequiredText("reason", "lý do từ chối", TextLimits.Note);
            RuleFor(x => x.Version).NotNull().Refuse("version.required", SignUpReview.VersionRequired);
        }
    }
}

public static class RefuseSignUpEndpoint
{
    public static ProblemDetails Validate(Guid id, RefuseSignUp command, [Aggregate(Required = false)] SignUp? signUp) =>
        SignUpRules.Decidable(signUp, id)
        ?? StreamVersions.Check(command.Version, signUp!.Version, required: true, "sign_up", "đăng ký")
        ?? WolverineContinue.NoProblems;

    /// <summary>Refuses a sign-up whose email is confirmed (Director, Admin of the fund), with a reason that is emailed to
    /// the applicant. The password kept for the account is deleted; no cooperative or user is created.</summary>
    [Authorize(Roles = SignUpReview.Roles)]
    [WolverinePost("/api/sign-ups/{id}/refuse", OperationId = "refuseSignUp")]
    [Tags("Đăng ký tham gia")]
    [ProducesResponseType(204)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, Events, IMartenOp, OutgoingMessages) Post(Guid id, RefuseSignUp command,
        [Aggregate(Required = false)] SignUp? signUp, ClaimsPrincipal staff, Instant now, LocalDate today) =>
        (Results.NoContent(), [new SignUpRefused(id, VietnameseText.Normalize(command.Reason), staff.ToActor(), now, today)],
            MartenOps.Delete<SignUpCredential>(id), [new SendSignUpEmail(staff.FundId(), id, SignUpEmailKind.Refused)]);
}
