using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using HtxFund.Reminders.Daily;
using HtxFund.Reminders.Sending;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Reminders.Listing;

/// <summary>Run today's reminders of the caller's fund now (normally the 07:00 job does it). Nothing is sent twice.</summary>
public sealed record RunReminders;

public static class ReminderEndpoints
{
    private static ProblemDetails NotFound(Guid id) => Problems.NotFound("reminder.not_found", $"Không tìm thấy thư nhắc {id}.");

    /// <summary>Reminders of the caller's fund, newest first: what was sent, to whom (each address and its outcome), when,
    /// and what failed. Filters: <c>kind</c> (UpcomingInstalment, OverdueInstalment, ProcessingDueSoon, ProcessingLate),
    /// <c>status</c> (Pending, Sent, PartlyUndeliverable, Undeliverable, Cancelled), <c>undeliverable=true</c> (any address
    /// refused), <c>loanId</c>, <c>applicationId</c>, <c>cooperativeId</c>, <c>from</c>/<c>to</c> (business dates,
    /// yyyy-MM-dd), paging. A cooperative sees only the notices addressed to it.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/reminders", OperationId = "listReminders")]
    [Tags("Nhắc nợ và thông báo")]
    [ProducesResponseType<PagedResult<Reminder>>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string? kind, string? status, bool? undeliverable, Guid? loanId, Guid? applicationId, Guid? cooperativeId,
        string? from, string? to, int? page, int? pageSize, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var (number, size) = Paging.Check(page, pageSize, errors);
        ReminderKind? k = null;
        if (!string.IsNullOrWhiteSpace(kind) && (k = EnumText.Parse<ReminderKind>(kind)) is null)
            errors.Add(new FieldError("kind", "kind.unknown", "Loại thư nhắc phải là UpcomingInstalment, OverdueInstalment, ProcessingDueSoon hoặc ProcessingLate."));
        ReminderStatus? s = null;
        if (!string.IsNullOrWhiteSpace(status) && (s = EnumText.Parse<ReminderStatus>(status)) is null)
            errors.Add(new FieldError("status", "status.unknown", "Trạng thái phải là Pending, Sent, PartlyUndeliverable, Undeliverable hoặc Cancelled."));
        var fromDate = Date(from, "from", errors);
        var toDate = Date(to, "to", errors);
        if (errors.Count > 0) return Results.Problem(Problems.Validation(errors));

        IQueryable<Reminder> query = session.Query<Reminder>();
        if (user.IsCooperative())
        {
            var own = user.CooperativeId() ?? Guid.Empty;
            query = query.Where(r => r.Audience == ReminderAudience.Cooperative && r.CooperativeId == own);
        }
        if (k is { } kk) query = query.Where(r => r.Kind == kk);
        if (s is { } ss) query = query.Where(r => r.Status == ss);
        if (undeliverable == true) query = query.Where(r => r.HasUndeliverable);
        if (loanId is { } l) query = query.Where(r => r.LoanId == l);
        if (applicationId is { } a) query = query.Where(r => r.ApplicationId == a);
        if (cooperativeId is { } c) query = query.Where(r => r.CooperativeId == c);
        if (fromDate is { } f) { var n = f.ToDateOnly().DayNumber; query = query.Where(r => r.DayNumber >= n); }
        if (toDate is { } t) { var n = t.ToDateOnly().DayNumber; query = query.Where(r => r.DayNumber <= n); }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.DayNumber).ThenBy(r => r.Key).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return Results.Ok(new PagedResult<Reminder>(items, number, size, total, (total + size - 1) / size));
    }

    /// <summary>One reminder with its deliveries. A cooperative reads only its own notices (others answer 404).</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/reminders/{id}", OperationId = "getReminder")]
    [Tags("Nhắc nợ và thông báo")]
    [ProducesResponseType<Reminder>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> GetOne(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        await ReadableAsync(session, id, user, ct) is { } r ? Results.Ok(r) : Results.Problem(NotFound(id));

    /// <summary>The overdue notice (PDF) of an overdue reminder, with the amounts due as of its date: the same document
    /// the email carried. Staff, and the cooperative it was addressed to.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/reminders/{id}/notice", OperationId = "downloadReminderNotice")]
    [Tags("Nhắc nợ và thông báo")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> GetNotice(Guid id, ClaimsPrincipal user, IQuerySession session, ReminderNotices notices, CancellationToken ct)
    {
        if (await ReadableAsync(session, id, user, ct) is not { HasNotice: true } r)
            return Results.Problem(Problems.NotFound("reminder_notice.not_found", "Thư nhắc này không có thông báo nợ quá hạn (PDF)."));
        var (pdf, name) = await notices.RenderAsync(session, session.TenantId, r, ct);
        return Results.File(pdf, "application/pdf", name);
    }

    /// <summary>Addresses the SMTP server refused permanently (5xx), latest refusal first: fix them in the cooperative's
    /// registration or the user's account. Staff.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/reminders/undeliverable-addresses", OperationId = "listUndeliverableAddresses")]
    [Tags("Nhắc nợ và thông báo")]
    [ProducesResponseType<IReadOnlyList<UndeliverableAddress>>(200)]
    public static async Task<IResult> GetUndeliverable(IQuerySession session, CancellationToken ct)
    {
        var all = await session.Query<UndeliverableAddress>().ToListAsync(ct);
        return Results.Ok(all.OrderByDescending(a => a.LastRefusedAt).ThenBy(a => a.Id).ToArray());
    }

    /// <summary>Runs today's reminders of the caller's fund now (the daily job does it at 07:00). Reminders already
    /// recorded are not recorded or sent again.</summary>
    [Authorize(Roles = Roles.Admin)]
    [HtxFund.Infrastructure.Http.Idempotency.RequireIdempotencyKey]
    [WolverinePost("/api/reminder-runs", OperationId = "runReminders")]
    [Tags("Nhắc nợ và thông báo")]
    [ProducesResponseType<FundReminderRunResult>(200)]
    public static async Task<IResult> PostRun(RunReminders _, ClaimsPrincipal user, IDocumentStore store, IServiceScopeFactory scopes,
        BusinessTime time, ILogger<RunReminders> logger, CancellationToken ct) =>
        Results.Ok(await DailyReminderRun.RunAsync(store, scopes, user.FundId(), time.Today, time, logger, ct));

    private static async Task<Reminder?> ReadableAsync(IQuerySession session, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var r = await session.LoadAsync<Reminder>(id, ct);
        if (r is null) return null;
        if (!user.IsCooperative()) return r;
        return r.Audience == ReminderAudience.Cooperative && r.CooperativeId is { } c && user.MaySee(c) ? r : null;
    }

    private static LocalDate? Date(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (AsOf.Date(text) is { } date) return date;
        errors.Add(new FieldError(field, $"{field}.format", $"Ngày phải có {AsOf.Format}."));
        return null;
    }
}
