using HtxFund.Identity;
using HtxFund.Notices.Preferences;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages;

/// <summary>The signed-in user's choice of which notices reach them by email (one checkbox per kind of their roles;
/// in-app notifications always stay on), saved by sending the API's <see cref="SetNotificationPreferences"/>.</summary>
[Authorize(Roles = Roles.StaffAndCooperative)]
public sealed class NotificationPreferencesModel : PortalPage
{
    public NoticePreferencesView? Preferences { get; private set; }
    /// <summary>The kinds ticked for email.</summary>
    [BindProperty] public List<string> Email { get; set; } = [];
    [TempData] public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Preferences = await GetNotificationPreferencesEndpoint.Get(User, Query, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var mine = await GetNotificationPreferencesEndpoint.Get(User, Query, ct);
        var off = mine.Kinds.Select(k => k.Kind).Where(k => !Email.Contains(k)).ToArray();
        if (await Put("/api/me/notification-preferences", new SetNotificationPreferences(off), prefix: "") is null)
        {
            Preferences = mine;
            return Page();
        }
        Done = "Đã lưu lựa chọn nhận thư.";
        return Redirect(HtxFund.Notices.NoticeLinks.PreferencesPage);
    }
}
