using System.Security.Claims;
using FluentValidation;
using HtxFund.Cooperatives;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Cooperatives.Registering;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.SignUps.Mailing;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine;
using Wolverine.Http;
using Wolverine.Http.Marten;
using Wolverine.Marten;

namespace HtxFund.SignUps.Reviewing;

/// <summary>The fund's staff approve a sign-up whose email is confirmed, at the <c>version</c> they saw.</summary>
public sealed record ApproveSignUp(long? Version)
{
    public sealed class Validator : AbstractValidator<ApproveSignUp>
    {
        public Validator()
        {
            RuleFor(x => x.Version).NotNull().Refuse("version.required", SignUpReview.VersionRequired);
        }
    }
}

/// <summary>What the store says at the approval: the fund's cooperative with the same tax code (linked instead of
/// registered again), and what would still make a second account or a registration in two funds.</summary>
public sealed record ApprovalFacts(Guid? ExistingCooperativeId, bool TaxCodeInOtherFund, bool UserNameTaken, bool EmailTaken,
    SignUpCredential? Credential);

/// <summary>The answer to an approval: the cooperative (registered or linked) and its user.</summary>
public sealed record SignUpApproval(Guid Id, Guid CooperativeId, bool LinkedExistingCooperative, Guid UserId, string UserName);

public static class ApproveSignUpEndpoint
{
    public static async Task<ApprovalFacts> LoadAsync(Guid id, IQuerySession session, IDocumentStore store, CancellationToken ct)
    {
        var signUp = await session.LoadAsync<SignUp>(id, ct);
        if (signUp is null) return new ApprovalFacts(null, false, false, false, null);
        var inFund = await session.Query<CooperativeDetails>().Where(x => x.TaxCode == signUp.TaxCode).Select(x => x.Id).ToListAsync(ct);
        await using var any = store.QuerySession();
        var everywhere = await any.Query<CooperativeDetails>().Where(x => x.AnyTenant() && x.TaxCode == signUp.TaxCode).CountAsync(ct);
        var email = signUp.Email.ToLowerInvariant();
        return new ApprovalFacts(inFund.Count > 0 ? inFund[0] : null, everywhere > inFund.Count,
            await any.Query<UserAccount>().AnyAsync(x => x.UserName == signUp.UserName, ct),
            await any.Query<UserAccount>().AnyAsync(x => x.Email != null && x.Email.ToLower() == email, ct),
            await session.LoadAsync<SignUpCredential>(id, ct));
    }

    public static ProblemDetails Validate(Guid id, ApproveSignUp command, [Aggregate(Required = false)] SignUp? signUp, [NotBody] ApprovalFacts facts) =>
        SignUpRules.Decidable(signUp, id)
        ?? StreamVersions.Check(command.Version, signUp!.Version, required: true, "sign_up", "đăng ký")
        ?? SignUpRules.Approval(facts)
        ?? WolverineContinue.NoProblems;

    /// <summary>Approves a sign-up whose email is confirmed (Director, Admin of the fund): registers the cooperative with
    /// <see cref="RegisterCooperativeEndpoint.Decide"/> (or links the fund's cooperative with the same tax code), creates its
    /// Cooperative user, enabled, with the password chosen at the sign-up (user name = the tax code), and emails the applicant.</summary>
    [Authorize(Roles = SignUpReview.Roles)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/sign-ups/{id}/approve", OperationId = "approveSignUp")]
    [Tags("Đăng ký tham gia")]
    [ProducesResponseType<SignUpApproval>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static (IResult, Events, IEnumerable<IMartenOp>, OutgoingMessages) Post(Guid id, ApproveSignUp command,
        [Aggregate(Required = false)] SignUp? signUp, [NotBody] ApprovalFacts facts, ClaimsPrincipal staff, Instant now, LocalDate today)
    {
        var s = signUp!;
        var actor = staff.ToActor();
        var ops = new List<IMartenOp>();
        var cooperativeId = facts.ExistingCooperativeId ?? Guid.CreateVersion7(now.ToDateTimeOffset());
        if (facts.ExistingCooperativeId is null)
        {
            var registered = RegisterCooperativeEndpoint.Decide(s.Cooperative, cooperativeId, actor, now, today);
            ops.Add(MartenOps.StartStream<Cooperative>(cooperativeId, registered));
        }
        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(now.ToDateTimeOffset()), UserName = s.UserName, DisplayName = s.Cooperative.Name!, Email = s.Email,
            FundId = staff.FundId(), Roles = [Roles.Cooperative], CooperativeId = cooperativeId, PasswordHash = facts.Credential!.PasswordHash,
            CreatedAt = now, CreatedBy = actor.UserId,
        };
        ops.Add(MartenOps.Insert(user));
        ops.Add(MartenOps.Delete(facts.Credential));
        var approved = new SignUpApproved(id, cooperativeId, facts.ExistingCooperativeId is not null, user.Id, user.UserName, actor, now, today);
        return (Results.Ok(new SignUpApproval(id, cooperativeId, approved.LinkedExistingCooperative, user.Id, user.UserName)),
            [approved], ops, [new SendSignUpEmail(staff.FundId(), id, SignUpEmailKind.Approved)]);
    }
}

/// <summary>Who reviews sign-ups: the Director, who answers for the fund's borrowers, and the Admin, who manages the
/// fund's accounts (creating a user is otherwise the Admin's).</summary>
public static class SignUpReview
{
    public const string Roles = $"{Identity.Roles.Director},{Identity.Roles.Admin}";

    /// <summary>A decision names the version of the sign-up its reviewer saw.</summary>
    public const string VersionRequired = "Vui lòng gửi phiên bản (version) hiện tại của đăng ký để tránh ghi đè thay đổi của người khác.";
}
