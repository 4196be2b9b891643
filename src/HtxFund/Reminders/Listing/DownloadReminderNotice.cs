using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Reminders.Sending;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Reminders.Listing;

public static class DownloadReminderNoticeEndpoint
{
    /// <summary>The overdue notice (PDF) of an overdue reminder, with the amounts due as of its date: the same document
    /// the email carried. Staff, and the cooperative it was addressed to.</summary>
    [Authorize(Roles = Roles.StaffAndCooperative)]
    [WolverineGet("/api/reminders/{id}/notice", OperationId = "downloadReminderNotice")]
    [Tags("Nhắc nợ và thông báo")]
    [ProducesResponseType(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid id, ClaimsPrincipal user, IQuerySession session, ReminderNotices notices, CancellationToken ct)
    {
        if (await GetReminderEndpoint.ReadableAsync(session, id, user, ct) is not { HasNotice: true } r)
            return Results.Problem(Problems.NotFound("reminder_notice.not_found", "Thư nhắc này không có thông báo nợ quá hạn (PDF)."));
        var (pdf, name) = await notices.RenderAsync(session, session.TenantId, r, ct);
        return Results.File(pdf, "application/pdf", name);
    }
}
