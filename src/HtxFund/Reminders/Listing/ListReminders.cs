using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Reminders.Listing;

public static class ListRemindersEndpoint
{
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

    private static LocalDate? Date(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (AsOf.Date(text) is { } date) return date;
        errors.Add(new FieldError(field, $"{field}.format", $"Ngày phải có {AsOf.Format}."));
        return null;
    }
}
