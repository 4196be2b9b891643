using HtxFund.Identity;
using HtxFund.Reminders.Daily;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Finance;

/// <summary>Runs today's reminders of the fund now (Admin: <c>POST /api/reminder-runs</c> sent through the app's pipeline);
/// back to the reminders page.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class ReminderRunModel : PortalPage
{
    [TempData] public string? Done { get; set; }

    public IActionResult OnGet() => Redirect("/tai-chinh/nhac-no");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = (await Post("/api/reminder-runs", new RunReminders(), prefix: ""))?.Value<FundReminderRunResult>(JsonOptions);
        Done = result is null ? null
            : $"Đã chạy nhắc nợ ngày {Display.Date(result.Date)}: {result.Recorded} thư mới, {result.AlreadyRecorded} thư đã có từ trước.";
        return Redirect("/tai-chinh/nhac-no");
    }
}
