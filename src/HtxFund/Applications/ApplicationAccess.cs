using System.Security.Claims;
using HtxFund.Applications.GettingDetails;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Applications;

/// <summary>Who may see and change an application. The checks are pure: a command's <c>Validate</c> calls them with the
/// application Wolverine's aggregate workflow loaded.</summary>
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

    /// <summary>The refusal of a change to <paramref name="application"/> (loaded by Wolverine's aggregate workflow, null
    /// when there is none in the user's fund), or null when the user may change it: 404 when the user may not see it, 400
    /// without a version, 409 with the current version when <paramref name="expectedVersion"/> is stale (optimistic
    /// concurrency; Wolverine checks the version again when it appends).</summary>
    public static ProblemDetails? Writable(LoanApplication? application, Guid id, long? expectedVersion, ClaimsPrincipal user) =>
        application is null || !user.MaySee(application.CooperativeId)
            ? NotFound(id)
            : StreamVersions.Check(expectedVersion, application.Version, required: true, "application", "hồ sơ");

    /// <summary><see cref="Writable"/>, then the refusal of <paramref name="action"/> unless the application is in one of
    /// the <paramref name="allowed"/> statuses; null when the change may go ahead.</summary>
    public static ProblemDetails? Writable(LoanApplication? application, Guid id, long? expectedVersion, ClaimsPrincipal user,
        string action, Func<LoanApplication, bool> allowed) =>
        Writable(application, id, expectedVersion, user) ?? (allowed(application!) ? null : WrongState(application!, action));

    public static ProblemDetails WrongState(LoanApplication application, string action) =>
        Problems.Conflict("application.invalid_state",
            $"Không thể {action} khi hồ sơ ở trạng thái \"{application.Status.DisplayName()}\".",
            new Dictionary<string, object?> { ["status"] = application.Status.ToString() });
}
