using HtxFund.Files;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.SignUps.Reviewing;

public static class ListSignUpsEndpoint
{
    /// <summary>The fund's sign-ups, newest first; <c>status</c> (AwaitingEmail, AwaitingReview, Approved, Refused) narrows
    /// the list. Director, Admin.</summary>
    [Authorize(Roles = SignUpReview.Roles)]
    [WolverineGet("/api/sign-ups", OperationId = "listSignUps")]
    [Tags("Đăng ký tham gia")]
    [ProducesResponseType<IReadOnlyList<SignUp>>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string? status, IQuerySession session, CancellationToken ct)
    {
        SignUpStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (EnumText.Parse<SignUpStatus>(status) is not { } parsed)
                return Results.Problem(Problems.Validation("status", "status.unknown",
                    "Trạng thái phải là AwaitingEmail, AwaitingReview, Approved hoặc Refused."));
            wanted = parsed;
        }
        return Results.Ok(await ListAsync(session, wanted, ct));
    }

    public static async Task<IReadOnlyList<SignUp>> ListAsync(IQuerySession session, SignUpStatus? status, CancellationToken ct)
    {
        var query = session.Query<SignUp>().AsQueryable();
        if (status is { } s) query = query.Where(x => x.Status == s);
        return await query.OrderByDescending(x => x.SubmittedAt).Take(500).ToListAsync(ct);
    }

    /// <summary>One sign-up of the fund (404 <c>sign_up.not_found</c> for another fund's). Director, Admin.</summary>
    [Authorize(Roles = SignUpReview.Roles)]
    [WolverineGet("/api/sign-ups/{id}", OperationId = "getSignUp")]
    [Tags("Đăng ký tham gia")]
    [ProducesResponseType<SignUp>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> GetOne(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<SignUp>(id, ct) is { } signUp ? Results.Ok(signUp) : Results.Problem(SignUpRules.NotFound(id));

    /// <summary>The scan of the registration certificate the sign-up sent (PDF, JPEG or PNG). Director, Admin.</summary>
    [Authorize(Roles = SignUpReview.Roles)]
    [WolverineGet("/api/sign-ups/{id}/certificate", OperationId = "getSignUpCertificate")]
    [Tags("Đăng ký tham gia")]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> GetCertificate(Guid id, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<SignUp>(id, ct) is not { } signUp) return Results.Problem(SignUpRules.NotFound(id));
        var loaded = await FileStore.LoadAsync(session, signUp.Certificate.Id, ct);
        return loaded is null ? Results.Problem(SignUpRules.NotFound(id)) : FileStore.Download(loaded);
    }
}
