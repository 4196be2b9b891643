using HtxFund.Identity;
using HtxFund.Reminders.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages;

/// <summary>The signed-in user's notification inbox (cooperative and staff): newest first, unread highlighted, mark one
/// or all read, by sending the API's inbox commands through the app's pipeline.</summary>
[Authorize(Roles = Roles.StaffAndCooperative)]
public sealed class NotificationsModel : PortalPage
{
    [BindProperty(SupportsGet = true, Name = "trang")] public int? PageNumber { get; set; }
    public NotificationPage? Inbox { get; private set; }
    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Inbox = await Read<NotificationPage>(q => ListNotificationsEndpoint.Get(PageNumber ?? 1, 20, null, User, q, ct));
        return Inbox is null ? ProblemPage() : Page();
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken ct)
    {
        if (await Post($"/api/notifications/{id}/read", null, prefix: "") is null) return ProblemPage();
        return Redirect(Back());
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var result = (await Post("/api/notifications/read-all", null, prefix: ""))?.Value<ReadAllResult>(JsonOptions);
        if (result is null) return ProblemPage();
        Done = result.Marked == 0 ? "Không có thông báo chưa đọc." : "Đã đánh dấu tất cả là đã đọc.";
        return Redirect(Back());
    }

    private string Back() => PageNumber is > 1 ? $"/thong-bao?trang={PageNumber}" : "/thong-bao";

    /// <summary>Where a notification leads in the pages: a notice (<see cref="NotificationView.Notice"/>) to the page it
    /// names; the notice PDF as it is; a loan to the cooperative's loan page.</summary>
    public string? Href(NotificationView n)
    {
        if (n.Link is null) return null;
        if (n.Notice is not null && n.Link.StartsWith('/') && !n.Link.StartsWith("/api/", StringComparison.Ordinal)) return n.Link;
        if (n.Link.EndsWith("/notice", StringComparison.Ordinal)) return n.Link;
        if (n.Link.StartsWith("/api/loans/", StringComparison.Ordinal) && User.IsCooperative()) return "/htx/khoan-vay/" + n.Link["/api/loans/".Length..];
        return null;
    }
}
