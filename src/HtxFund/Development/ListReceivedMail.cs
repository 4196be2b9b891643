using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Development;

/// <summary>What the local mail sink received (ops/run's SMTP server on loopback): Development only, Admin, the
/// messages addressed to the admin's fund. Outside Development every route answers 404 as if it did not exist.</summary>
public static class ReceivedMailEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    private static ProblemDetails NotFound() =>
        Problems.NotFound("dev_mail.not_found", "Không tìm thấy thư này trong hộp thư thử nghiệm.");

    /// <summary>Whether the mail sink may be read here: only in the Development environment.</summary>
    public static bool Available(IHostEnvironment environment) => environment.IsDevelopment();

    /// <summary>The messages the local mail sink received, newest first (at most <paramref name="limit"/>, default 100,
    /// up to 500), addressed to a user or a cooperative of the caller's fund. Development only; Admin.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverineGet("/api/dev/mail", OperationId = "listReceivedMail")]
    [Tags("Hộp thư thử nghiệm")]
    [ProducesResponseType<IReadOnlyList<ReceivedMailSummary>>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> List(int? limit, ClaimsPrincipal user, IQuerySession session, MailSink sink,
        IHostEnvironment environment, CancellationToken ct)
    {
        if (!Available(environment)) return Results.Problem(NotFound());
        var addresses = await MailSink.FundAddressesAsync(session, user.FundId(), ct);
        return Results.Ok(sink.List(addresses, Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit)));
    }

    /// <summary>One received message with its text and HTML bodies and its attachments. Development only; Admin.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverineGet("/api/dev/mail/{id}", OperationId = "getReceivedMail")]
    [Tags("Hộp thư thử nghiệm")]
    [ProducesResponseType<ReceivedMail>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string id, ClaimsPrincipal user, IQuerySession session, MailSink sink,
        IHostEnvironment environment, CancellationToken ct)
    {
        if (!Available(environment)) return Results.Problem(NotFound());
        var addresses = await MailSink.FundAddressesAsync(session, user.FundId(), ct);
        return sink.Get(id, addresses) is { } mail ? Results.Ok(mail) : Results.Problem(NotFound());
    }

    /// <summary>An attachment of a received message (<paramref name="index"/> from 0, as listed), as a download.
    /// Development only; Admin.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverineGet("/api/dev/mail/{id}/attachments/{index}", OperationId = "downloadReceivedMailAttachment")]
    [Tags("Hộp thư thử nghiệm")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Attachment(string id, int index, ClaimsPrincipal user, IQuerySession session, MailSink sink,
        IHostEnvironment environment, CancellationToken ct)
    {
        if (!Available(environment)) return Results.Problem(NotFound());
        var addresses = await MailSink.FundAddressesAsync(session, user.FundId(), ct);
        return sink.Attachment(id, index, addresses) is var (name, type, content)
            ? Results.File(content, type, name)
            : Results.Problem(NotFound());
    }
}
