using System.Security.Claims;
using HtxFund.Applications.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Applications;

/// <summary>Who may see and change an application, and loading it for a versioned transition.</summary>
public static class ApplicationAccess
{
    public static string BorrowerKey(Guid cooperativeId, Guid? memberId) =>
        memberId is { } member ? $"member:{cooperativeId}:{member}" : $"coop:{cooperativeId}";

    public static ProblemDetails NotFound(Guid id) =>
        Problems.NotFound("application.not_found", $"Không tìm thấy hồ sơ vay {id}.");

    /// <summary>The application as the user may read it: staff of the fund see all (the session is the fund's);
    /// a cooperative sees only its own. Anything else is reported as not found.</summary>
    public static async Task<ApplicationDetails?> ReadableAsync(IQuerySession session, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var details = await session.LoadAsync<ApplicationDetails>(id, ct);
        return details is not null && user.MaySee(details.CooperativeId) ? details : null;
    }

    public sealed record Loaded(IEventStream<LoanApplication>? Stream, ProblemDetails? Refusal)
    {
        public LoanApplication Application => Stream!.Aggregate!;
    }

    /// <summary>Loads the stream for a transition; refuses with 404 when the user may not see it and with 409 and the
    /// current version when the client's version is stale (optimistic concurrency; the append is checked again at commit).</summary>
    public static async Task<Loaded> ForWriteAsync(IDocumentSession session, Guid id, long? expectedVersion, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<LoanApplication>(id, ct);
        if (stream.Aggregate is null || !user.MaySee(stream.Aggregate.CooperativeId)) return new Loaded(null, NotFound(id));
        var stale = StreamVersions.Check(expectedVersion, stream.CurrentVersion, required: true, "application", "hồ sơ");
        return stale is null ? new Loaded(stream, null) : new Loaded(null, stale);
    }

    /// <summary>The refusal of a change to <paramref name="application"/> (loaded by Wolverine's aggregate workflow, null
    /// when there is none in the user's fund): 404 when the user may not see it, 409 with the current version when
    /// <paramref name="expectedVersion"/> is stale; <c>NoProblems</c> otherwise. The append is checked again at commit.</summary>
    public static ProblemDetails Writable(LoanApplication? application, Guid id, long? expectedVersion, ClaimsPrincipal user) =>
        application is null || !user.MaySee(application.CooperativeId) ? NotFound(id)
        : StreamVersions.Check(expectedVersion, application.Version, required: true, "application", "hồ sơ") ?? Wolverine.Http.WolverineContinue.NoProblems;

    public static ProblemDetails WrongState(LoanApplication application, string action) =>
        Problems.Conflict("application.invalid_state",
            $"Không thể {action} khi hồ sơ ở trạng thái \"{application.Status.DisplayName()}\".",
            new Dictionary<string, object?> { ["status"] = application.Status.ToString() });
}
