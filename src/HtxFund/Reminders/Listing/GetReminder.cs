using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Reminders.Listing;

public static class GetReminderEndpoint
{
    public static ProblemDetails NotFound(Guid id) => Problems.NotFound("reminder.not_found", $"Không tìm thấy thư nhắc {id}.");

    /// <summary>One reminder with its deliveries. A cooperative reads only its own notices (others answer 404).</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/reminders/{id}", OperationId = "getReminder")]
    [Tags("Nhắc nợ và thông báo")]
    [ProducesResponseType<Reminder>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        await ReadableAsync(session, id, user, ct) is { } r ? Results.Ok(r) : Results.Problem(NotFound(id));

    /// <summary>The reminder if the user may read it: staff read every reminder of their fund, a cooperative only the
    /// notices addressed to it (null otherwise, and for no reminder).</summary>
    public static async Task<Reminder?> ReadableAsync(IQuerySession session, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var r = await session.LoadAsync<Reminder>(id, ct);
        if (r is null) return null;
        if (!user.IsCooperative()) return r;
        return r.Audience == ReminderAudience.Cooperative && r.CooperativeId is { } c && user.MaySee(c) ? r : null;
    }
}
