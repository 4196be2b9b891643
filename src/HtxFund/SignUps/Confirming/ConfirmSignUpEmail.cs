using FluentValidation;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.SignUps.Confirming;

/// <summary>The applicant follows the emailed link: its <c>token</c>.</summary>
public sealed record ConfirmSignUpEmail(string? Token)
{
    public sealed class Validator : AbstractValidator<ConfirmSignUpEmail>
    {
        public Validator()
        {
            RuleFor(x => x.Token).NotEmpty().Refuse("token.required", "Thiếu mã xác nhận.")
                .MaximumLength(1000).Refuse("sign_up.link_invalid", "Đường dẫn xác nhận không hợp lệ.");
        }
    }
}

/// <summary>The answer to a confirmation: the sign-up now waits for the fund's review.</summary>
public sealed record SignUpEmailConfirmation(Guid Id, SignUpStatus Status);

/// <summary>A confirmation as loaded: what the link says and the sign-up it names, as it stands in its fund.</summary>
public sealed record LinkedSignUp(EmailLink? Link, SignUp? SignUp);

public static class ConfirmSignUpEmailEndpoint
{
    /// <summary>The link's fund and sign-up, and the sign-up as it stands in that fund.</summary>
    public static async Task<LinkedSignUp> LoadAsync(ConfirmSignUpEmail command, SignUpTokens tokens, IDocumentStore store, CancellationToken ct)
    {
        if (tokens.ReadEmailLink(command.Token) is not { } link) return new(null, null);
        await using var query = store.QuerySession(link.Fund);
        return new(link, await query.LoadAsync<SignUp>(link.SignUpId, ct));
    }

    public static ProblemDetails Validate([NotBody] LinkedSignUp loaded, BusinessTime time) =>
        SignUpRules.Confirmation(loaded.Link, loaded.SignUp, time.Now) ?? WolverineContinue.NoProblems;

    /// <summary>Confirms the sign-up's email address with the token of the emailed link (public; single use, valid
    /// <c>HtxFund:SignUps:ConfirmationHours</c>). The sign-up then waits for the fund's staff. Rate limited per client
    /// address like the submission.</summary>
    [AllowAnonymous]
    [EnableRateLimiting(SignUpsConfiguration.RateLimit)]
    [WolverinePost("/api/sign-ups/email-confirmations", OperationId = "confirmSignUpEmail")]
    [Tags("Đăng ký tham gia")]
    [ProducesResponseType<SignUpEmailConfirmation>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    [ProducesResponseType<ProblemDetails>(410)]
    [ProducesResponseType<ProblemDetails>(429)]
    public static (IResult, IMartenOp) Post(ConfirmSignUpEmail command, [NotBody] LinkedSignUp loaded, BusinessTime time)
    {
        // the business time as a service: Wolverine's generated code would declare an Instant of Validate and Post twice
        var now = time.Now;
        var (link, signUp) = (loaded.Link!, loaded.SignUp!);
        return (Results.Ok(new SignUpEmailConfirmation(signUp.Id, SignUpStatus.AwaitingReview)),
            MartenOps.Append(signUp.Id, signUp.Version + 1, new SignUpEmailConfirmed(signUp.Id, now)).ForTenant(link.Fund));
    }
}
