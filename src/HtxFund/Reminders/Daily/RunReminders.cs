using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Infrastructure.Time;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Reminders.Daily;

/// <summary>Run today's reminders of the caller's fund now (normally the 07:00 job does it). Nothing is sent twice.</summary>
public sealed record RunReminders;

public static class RunRemindersEndpoint
{
    /// <summary>Runs today's reminders of the caller's fund now (the daily job does it at 07:00): the fund's run of
    /// <see cref="DailyReminderRun"/>, each reminder recorded with its email in its own transaction. Reminders already
    /// recorded are not recorded or sent again.</summary>
    [Authorize(Roles = Roles.Admin)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/reminder-runs", OperationId = "runReminders")]
    [Tags("Nhắc nợ và thông báo")]
    [ProducesResponseType<FundReminderRunResult>(200)]
    public static Task<FundReminderRunResult> Post(RunReminders command, ClaimsPrincipal user, IDocumentStore store, IServiceScopeFactory scopes,
        BusinessTime time, ILogger<RunReminders> logger, CancellationToken ct) =>
        DailyReminderRun.RunAsync(store, scopes, user.FundId(), time.Today, time, logger, ct);
}
